import {
  addDocumentRequestSchema,
  type CitizenCase,
  caseMessageRequestSchema,
  consentRequestSchema,
  followUpRequestSchema,
  rateCaseRequestSchema,
  replyInfoRequestSchema,
  withdrawCaseRequestSchema,
} from '@epeople/contracts';
import type { TFunction } from 'i18next';
import type { Translation } from '../../i18n/en.ts';
import type { TranslationKey } from '../../i18n/keys.ts';
import type { ActionSpec } from './action-modal.tsx';
import type { CitizenAction } from './cases-api.ts';

/** The order of the citizen's buttons: what the case waits for first. */
export const CITIZEN_ACTION_ORDER: CitizenAction[] = [
  'reply_info',
  'rate',
  'consent_extension',
  'send_message',
  'add_document',
  'consent_identity',
  'request_follow_up',
  'withdraw',
];

type ActionTexts = Translation['cases']['citizenActions'];

/** The form of each citizen action, built when its dialog opens. */
export function citizenActionSpec(action: CitizenAction, theCase: CitizenCase, t: TFunction): ActionSpec {
  // The key is checked against the texts of the action named (narrowed by each case below).
  const label = <A extends CitizenAction>(of: A, key: keyof ActionTexts[A] & string) =>
    t(`cases.citizenActions.${of}.${key}` as TranslationKey);
  const base = { title: label(action, 'title'), submitLabel: label(action, 'submit') };
  switch (action) {
    case 'reply_info': {
      const question = [...theCase.timeline].reverse().find((event) => event.type === 'INFO_REQUESTED')?.data.question;
      return {
        ...base,
        description:
          typeof question === 'string' ? t('cases.citizenActions.reply_info.question', { question }) : undefined,
        schema: replyInfoRequestSchema,
        fields: [{ name: 'message', kind: 'textarea', label: label(action, 'field'), required: true }],
      };
    }
    case 'add_document':
      return {
        ...base,
        schema: addDocumentRequestSchema,
        fields: [
          {
            name: 'attachmentIds',
            kind: 'attachments',
            label: label(action, 'field'),
            required: true,
            anonymous: theCase.isAnonymous,
          },
        ],
      };
    case 'withdraw':
      return {
        ...base,
        color: 'red',
        description: label(action, 'description'),
        schema: withdrawCaseRequestSchema,
        fields: [{ name: 'reason', kind: 'textarea', label: label(action, 'field') }],
      };
    case 'rate':
      return {
        ...base,
        description: label(action, 'description'),
        schema: rateCaseRequestSchema,
        fields: [
          { name: 'rating', kind: 'rating', label: label(action, 'field'), required: true },
          { name: 'comment', kind: 'textarea', label: label(action, 'comment') },
        ],
      };
    case 'request_follow_up':
      return {
        ...base,
        description: label(action, 'description'),
        schema: followUpRequestSchema,
        fields: [{ name: 'reason', kind: 'textarea', label: label(action, 'field'), required: true }],
      };
    case 'consent_extension':
      return { ...base, description: label(action, 'description'), schema: consentRequestSchema, fields: [] };
    case 'consent_identity':
      return { ...base, description: label(action, 'description'), schema: consentRequestSchema, fields: [] };
    case 'send_message':
      return {
        ...base,
        schema: caseMessageRequestSchema,
        fields: [{ name: 'body', kind: 'textarea', label: label(action, 'field'), required: true }],
      };
  }
}
