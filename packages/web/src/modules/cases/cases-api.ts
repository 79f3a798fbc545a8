import {
  ACCESS_CODE_HEADER,
  type AttachmentDto,
  type CaseAction,
  type CaseSummary,
  type CitizenCase,
  type FileCaseRequest,
  fileCaseEndpoint,
  IDEMPOTENCY_KEY_HEADER,
  type RequestType,
  searchSimilarEndpoint,
} from '@epeople/contracts';
import { ApiError } from '../../api/api-error.ts';
import { call } from '../../api/call.ts';
import { API_BASE, apiRequest } from '../../api/client.ts';

/** A fresh key per submission attempt: a double click or a retry after a lost answer files one case. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** An anonymous notice is sent without the browser's session (docs/threat-model-anonymous-notice.md). */
export const fileCase = (body: FileCaseRequest, idempotencyKey: string) =>
  call(fileCaseEndpoint, {
    body,
    headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
    anonymous: body.anonymous === true,
  });

/**
 * Files for a request. For an anonymous notice (`anonymous`) they are sent without the session,
 * and the server removes their metadata and names them attachment-1.jpg, attachment-2.pdf...
 */
export async function uploadAttachments(files: readonly File[], anonymous = false): Promise<AttachmentDto[]> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  const query = anonymous ? { anonymous: 'true' } : undefined;
  return (await apiRequest<{ attachments: AttachmentDto[] }>('POST', '/attachments', { body: form, query, anonymous }))
    .attachments;
}

export const searchSimilar = (query: { q: string; type?: RequestType; categoryId?: string }, signal: AbortSignal) =>
  call(searchSimilarEndpoint, { query, signal });

/** The owner's session is enough; a guest or anonymous reporter also sends the access code. */
export const trackCase = (reference: string, accessCode: string | undefined, signal?: AbortSignal) =>
  apiRequest<CitizenCase>('GET', `/cases/${encodeURIComponent(reference)}`, {
    headers: { [ACCESS_CODE_HEADER]: accessCode },
    signal,
    anonymous: accessCode !== undefined,
  });

export const listMyCases = () => apiRequest<{ cases: CaseSummary[]; nextCursor: string | null }>('GET', '/me/cases');

/** The citizen's actions and the path of each under /cases/{reference}/. */
export const CITIZEN_ACTION_PATHS = {
  reply_info: 'info-reply',
  add_document: 'documents',
  withdraw: 'withdrawal',
  rate: 'rating',
  request_follow_up: 'follow-up',
  consent_identity: 'identity-consent',
  consent_extension: 'extension-consent',
  send_message: 'messages',
} as const satisfies Partial<Record<CaseAction, string>>;
export type CitizenAction = keyof typeof CITIZEN_ACTION_PATHS;
export const CITIZEN_ACTIONS = Object.keys(CITIZEN_ACTION_PATHS) as CitizenAction[];

export const isCitizenAction = (action: CaseAction): action is CitizenAction => action in CITIZEN_ACTION_PATHS;

export const takeCitizenAction = (
  reference: string,
  action: CitizenAction,
  body: unknown,
  accessCode: string | undefined,
) =>
  apiRequest<unknown>('POST', `/cases/${encodeURIComponent(reference)}/${CITIZEN_ACTION_PATHS[action]}`, {
    body,
    headers: { [ACCESS_CODE_HEADER]: accessCode },
    anonymous: accessCode !== undefined,
  });

/**
 * Opens an attachment of a case. A plain link cannot carry the access code header, so the file is
 * fetched here and handed to the browser as a download.
 */
export async function downloadAttachment(
  reference: string,
  attachment: { id: string; fileName?: string },
  accessCode: string | undefined,
): Promise<void> {
  const headers: Record<string, string> = {};
  if (accessCode) headers[ACCESS_CODE_HEADER] = accessCode;
  const response = await fetch(
    `${API_BASE}/cases/${encodeURIComponent(reference)}/attachments/${encodeURIComponent(attachment.id)}`,
    // With the access code the holder needs no session, and sends none (see api/client.ts).
    { headers, credentials: accessCode ? 'omit' : 'same-origin' },
  ).catch(() => undefined);
  if (!response?.ok)
    throw new ApiError(response?.status ?? 0, response ? 'attachments.not_found' : 'common.unavailable');
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = attachment.fileName ?? attachment.id;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
