import { LANGUAGES } from '@epeople/contracts';
import { describe, expect, it } from 'vitest';
import { MAIL_TEMPLATES, type MailTemplateName, renderMail } from './mail.templates.ts';

const SAMPLE_PARAMS = {
  verification_code: { code: '048213', minutes: 15 },
  password_reset_code: { fullName: 'Amina <b>&</b>', code: '048213', minutes: 15 },
  staff_invitation: {
    fullName: 'Amina <b>&</b>',
    code: '048213',
    hours: 72,
    setPasswordUrl: 'http://localhost:3000/reset-password',
  },
  registration_attempt: {
    fullName: 'Amina <b>&</b>',
    signInUrl: 'http://localhost:3000/sign-in',
    resetUrl: 'http://localhost:3000/forgot-password',
  },
  case_acknowledgement: {
    reference: 'PET-2026-000042-7',
    title: 'Amina <b>&</b>',
    accessCode: '7KQ2-M9XD-4TPA-H3WZ',
    trackUrl: 'http://localhost:3000/track',
  },
  case_info_requested: {
    reference: 'PET-2026-000042-7',
    title: 'Amina <b>&</b>',
    message: 'Pièce <i>jointe</i>',
    dueAt: '2026-03-02T16:00:00.000Z',
    trackUrl: 'http://localhost:3000/track',
  },
  case_transferred: {
    reference: 'PET-2026-000042-7',
    title: 'Amina <b>&</b>',
    message: 'Pièce <i>jointe</i>',
    dueAt: '2026-03-02T16:00:00.000Z',
    trackUrl: 'http://localhost:3000/track',
  },
  case_deadline_extended: {
    reference: 'PET-2026-000042-7',
    title: 'Amina <b>&</b>',
    message: 'Pièce <i>jointe</i>',
    dueAt: '2026-03-02T16:00:00.000Z',
    trackUrl: 'http://localhost:3000/track',
  },
  case_answer_available: {
    reference: 'PET-2026-000042-7',
    title: 'Amina <b>&</b>',
    message: 'Pièce <i>jointe</i>',
    dueAt: '2026-03-02T16:00:00.000Z',
    trackUrl: 'http://localhost:3000/track',
  },
  case_follow_up_received: {
    reference: 'PET-2026-000042-7',
    title: 'Amina <b>&</b>',
    trackUrl: 'http://localhost:3000/track',
  },
  case_rejected: {
    reference: 'PET-2026-000042-7',
    title: 'Amina <b>&</b>',
    message: 'Pièce <i>jointe</i>',
    dueAt: '2026-03-02T16:00:00.000Z',
    trackUrl: 'http://localhost:3000/track',
  },
  case_message_received: {
    reference: 'NOT-2026-000042-7',
    title: 'Amina <b>&</b>',
    trackUrl: 'http://localhost:3000/track',
  },
  case_progress: {
    reference: 'PET-2026-000042-7',
    title: 'Amina <b>&</b>',
    dueAt: '2026-03-02T16:00:00.000Z',
    trackUrl: 'http://localhost:3000/track',
  },
} as const;

describe('e-mail templates', () => {
  it('an acknowledgement without a title (a guest’s) holds no text of the submitter, in every language', () => {
    for (const language of LANGUAGES) {
      const { title: _title, ...params } = SAMPLE_PARAMS.case_acknowledgement;
      const mail = renderMail('case_acknowledgement', language, params);
      expect(mail.text).toContain(params.reference);
      expect(mail.text).not.toContain('Amina');
      expect(mail.text).not.toMatch(/«\s*»|“”/);
    }
  });

  const names = Object.keys(MAIL_TEMPLATES) as MailTemplateName[];

  it('every template exists in Arabic, French and English, each worded differently', () => {
    for (const name of names) {
      expect(Object.keys(MAIL_TEMPLATES[name]).sort()).toEqual([...LANGUAGES].sort());
      const subjects = LANGUAGES.map((language) => renderMail(name, language, SAMPLE_PARAMS[name]).subject);
      expect(new Set(subjects).size).toBe(3);
      for (const subject of subjects) expect(subject.length).toBeGreaterThan(5);
    }
  });

  it('Arabic e-mails are right to left, the others left to right', () => {
    for (const name of names) {
      expect(renderMail(name, 'ar', SAMPLE_PARAMS[name]).html).toContain('<html lang="ar" dir="rtl">');
      expect(renderMail(name, 'fr', SAMPLE_PARAMS[name]).html).toContain('dir="ltr"');
    }
  });

  it('codes are shown in both bodies, and names are escaped in HTML', () => {
    for (const name of names) {
      for (const language of LANGUAGES) {
        const mail = renderMail(name, language, SAMPLE_PARAMS[name]);
        if ('code' in SAMPLE_PARAMS[name]) {
          expect(mail.text).toContain('048213');
          expect(mail.html).toMatch(/font-size:32px[^>]*>048213</);
        }
        expect(mail.html).not.toContain('<b>&</b>');
        // The verification code carries no name at all (docs/notifications.md).
        if (!Object.values(SAMPLE_PARAMS[name]).includes('Amina <b>&</b>')) continue;
        expect(mail.html).toContain('Amina &lt;b&gt;&amp;&lt;/b&gt;');
        expect(mail.text).toContain('Amina <b>&</b>');
      }
    }
  });
});
