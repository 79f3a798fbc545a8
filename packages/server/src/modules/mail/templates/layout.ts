import { type Language, RTL_LANGUAGES } from '@epeople/contracts';

/**
 * What a template says, as structured pieces: the layout turns them into a plain-text body and
 * an HTML body, so every message looks alike and every piece of text is escaped once, here.
 */
export interface MailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** A one-time code, shown large and on its own. */
  code?: string;
  /** A link the reader may follow (sign-in page, ...). */
  link?: { label: string; url: string };
  signature: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** One template: the same message in each of ePeople's three languages. */
export type MailTemplate<Params> = Record<Language, (params: Params) => MailContent>;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

export function renderContent(language: Language, content: MailContent): RenderedMail {
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((paragraph, index) =>
      index === 0 && content.code ? [paragraph, '', `    ${content.code}`, ''] : [paragraph, ''],
    ),
    ...(content.link ? [`${content.link.label}: ${content.link.url}`, ''] : []),
    content.signature,
  ].join('\n');

  const dir = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
  const paragraphsHtml = content.paragraphs
    .map((paragraph, index) => {
      const block = `<p style="margin:0 0 16px">${escapeHtml(paragraph)}</p>`;
      if (index !== 0 || !content.code) return block;
      // The code is isolated left-to-right so digits never reorder inside Arabic text.
      return `${block}<p dir="ltr" style="margin:0 0 16px;font-size:32px;font-weight:bold;letter-spacing:6px;text-align:center;font-family:monospace">${escapeHtml(content.code)}</p>`;
    })
    .join('\n');
  const linkHtml = content.link
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(content.link.url)}">${escapeHtml(content.link.label)}</a></p>`
    : '';
  const html = `<!doctype html>
<html lang="${language}" dir="${dir}">
<head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body dir="${dir}" style="font-family:Arial,Tahoma,sans-serif;line-height:1.5;color:#1a1a1a;max-width:560px;margin:0 auto;padding:24px">
<p style="margin:0 0 16px">${escapeHtml(content.greeting)}</p>
${paragraphsHtml}
${linkHtml}
<p style="margin:24px 0 0;color:#555">${escapeHtml(content.signature)}</p>
</body>
</html>
`;
  return { subject: content.subject, text, html };
}
