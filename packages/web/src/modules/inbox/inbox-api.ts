import type { AnswerTemplateDto, CaseAction, CaseAssignee, CaseSummary, StaffCase } from '@epeople/contracts';
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

/** The staff this case may be assigned to: active officers and supervisors whose role reaches its unit. */
export const loadAssignees = async (id: string): Promise<CaseAssignee[]> =>
  (await apiRequest<{ assignees: CaseAssignee[] }>('GET', `/inbox/cases/${encodeURIComponent(id)}/assignees`))
    .assignees;

/** A unit's model answers, to start a draft from (GET /answer-templates?unitId=). */
export const loadAnswerTemplates = (unitId: string, requestType?: string) =>
  apiRequest<{ templates: AnswerTemplateDto[] }>('GET', '/answer-templates', { query: { unitId, requestType } });
