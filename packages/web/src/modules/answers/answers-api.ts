import { ACCESS_CODE_HEADER, type CaseAnswersResponse, problemSchema } from '@epeople/contracts';
import { ApiError } from '../../api/api-error.ts';
import { apiRequest } from '../../api/client.ts';
import { saveFile } from './save-file.ts';

/** The signed answers of a case, with the same access as the case (session, access code, or staff). */
export const loadCaseAnswers = (reference: string, accessCode: string | undefined, signal?: AbortSignal) =>
  apiRequest<CaseAnswersResponse>('GET', `/cases/${encodeURIComponent(reference)}/answers`, {
    headers: { [ACCESS_CODE_HEADER]: accessCode },
    signal,
    anonymous: accessCode !== undefined,
  });

/**
 * Fetches one of an answer's files (a same-origin path from `downloads`) with the case's access
 * code, then saves it. A refusal keeps its problem code, so the block can say why (still
 * signing, not in the log yet).
 */
export async function downloadAnswerFile(path: string, fileName: string, accessCode: string | undefined) {
  const headers: Record<string, string> = {};
  if (accessCode) headers[ACCESS_CODE_HEADER] = accessCode;
  const response = await fetch(path, { headers, credentials: accessCode ? 'omit' : 'same-origin' }).catch(
    () => undefined,
  );
  if (!response) throw new ApiError(0, 'common.unavailable');
  if (!response.ok) throw new ApiError(response.status, await problemCode(response));
  saveFile(await response.blob(), fileName);
}

async function problemCode(response: Response): Promise<string> {
  const parsed = problemSchema.safeParse(await response.json().catch(() => undefined));
  if (parsed.success) return parsed.data.code;
  return response.status === 404 ? 'answers.not_found' : 'common.unavailable';
}
