import { ALLOWED_MEDIA_TYPES, type AllowedMediaType } from './attachments.sniff.ts';

const EXTENSION_ALIASES: Partial<Record<string, string[]>> = { jpg: ['jpg', 'jpeg', 'jpe'] };

/** Longest kept name, in characters (the database allows 255). */
export const MAX_FILE_NAME_LENGTH = 120;

/**
 * A file name safe to store and to send back in Content-Disposition: no folders (`../`, `C:\`),
 * no control, format or bidirectional-override characters (U+202E turns `gpj.exe` into
 * `exe.jpg` on screen), no characters Windows forbids; letters of every script (Arabic included)
 * are kept. The extension is made to match the type sniffed from the content.
 */
export function sanitiseFileName(declared: string | undefined, mediaType: AllowedMediaType): string {
  const canonical = ALLOWED_MEDIA_TYPES[mediaType];
  const lastSegment = (declared ?? '').split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .normalize('NFC')
    // Cc: controls; Cf: format characters (bidi overrides and isolates, zero-width joiners...).
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const dot = name.lastIndexOf('.');
  let stem = dot > 0 ? name.slice(0, dot) : name;
  const declaredExtension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const extension = (EXTENSION_ALIASES[canonical] ?? [canonical]).includes(declaredExtension)
    ? declaredExtension
    : canonical;
  stem = stem.replace(/[.\s]+$/g, '');
  // Count in code points so an Arabic or emoji name is never cut in half.
  const room = MAX_FILE_NAME_LENGTH - extension.length - 1;
  stem = Array.from(stem).slice(0, room).join('').trim();
  if (!stem) stem = 'document';
  name = `${stem}.${extension}`;
  return name;
}
