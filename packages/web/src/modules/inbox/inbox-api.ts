import type { AnswerTemplateDto, CaseAction, CaseSummary, StaffCase } from '@epeople/contracts';
import { z } from 'zod';
import { apiRequest } from '../../api/client.ts';

export type InboxFilters = Partial<
  Record<'type' | 'state' | 'categoryId' | 'governorate' | 'assignee' | 'deadline' | 'sort' | 'unitId', string>
>;

export const listInbox = (filters: InboxFilters) =>
  apiRequest<{ cases: CaseSummary[]; nextCursor: string | null }>('GET', '/inbox', { query: filters });

export const loadStaffCase = (id: string, signal?: AbortSignal) =>
  apiRequest<StaffCase>('GET', `/inbox/cases/${encodeURIComponent(id)}`, { signal });

/** Back-office actions and the path of each under /inbox/cases/{id}/. */
export const STAFF_ACTION_PATHS = {
  register: 'register',
  assign: 'assign',
  start: 'start',
  transfer: 'transfer',
  request_info: 'request-info',
  add_note: 'notes',
  link_duplicate: 'link-duplicate',
  add_contributor: 'contributors',
  contribute: 'contribution',
  extend_deadline: 'extend-deadline',
  save_draft: 'draft',
  submit_draft: 'submit-draft',
  return_draft: 'return-draft',
  approve_draft: 'approve-draft',
  answer: 'answer',
  reject: 'reject',
  close: 'close',
  send_message: 'messages',
} as const satisfies Partial<Record<CaseAction, string>>;
export type StaffAction = keyof typeof STAFF_ACTION_PATHS;
export const STAFF_ACTIONS = Object.keys(STAFF_ACTION_PATHS) as StaffAction[];

export const takeStaffAction = (id: string, action: StaffAction, body: unknown) =>
  apiRequest<unknown>('POST', `/inbox/cases/${encodeURIComponent(id)}/${STAFF_ACTION_PATHS[action]}`, { body });

/** Taking a case locks it (every action renews the lock); a supervisor may break someone else's. */
export type LockAction = 'take' | 'release' | 'break_lock';
const LOCK_PATHS: Record<LockAction, string> = { take: 'take', release: 'release', break_lock: 'break-lock' };
export const lockCase = (id: string, action: LockAction) =>
  apiRequest<unknown>('POST', `/inbox/cases/${encodeURIComponent(id)}/${LOCK_PATHS[action]}`, { body: {} });

/**
 * The staff this case may be assigned to (its unit's handlers within the viewer's reach), from
 * GET /inbox/cases/{id}/assignees. Read loosely: a list under `assignees` (or `staff`), each with
 * an id and a name.
 */
const assigneeListSchema = z
  .union([
    z.object({ assignees: z.array(z.unknown()) }).transform((list) => list.assignees),
    z.object({ staff: z.array(z.unknown()) }).transform((list) => list.staff),
    z.array(z.unknown()),
  ])
  .pipe(
    z.array(
      z
        .object({ id: z.string(), name: z.string().optional(), fullName: z.string().optional() })
        .transform((member) => ({ id: member.id, name: member.name ?? member.fullName ?? member.id })),
    ),
  );
export type Assignee = { id: string; name: string };

export async function loadAssignees(id: string): Promise<Assignee[]> {
  const answer = await apiRequest<unknown>('GET', `/inbox/cases/${encodeURIComponent(id)}/assignees`);
  return assigneeListSchema.parse(answer);
}

/** A unit's model answers, to start a draft from (GET /answer-templates?unitId=). */
export const loadAnswerTemplates = (unitId: string, requestType?: string) =>
  apiRequest<{ templates: AnswerTemplateDto[] }>('GET', '/answer-templates', { query: { unitId, requestType } });
