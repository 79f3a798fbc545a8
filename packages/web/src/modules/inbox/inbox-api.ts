import type { AnswerTemplateDto, CaseAssignee, CaseSummary, StaffCase } from '@epeople/contracts';
import { apiRequest } from '../../api/client.ts';

export type InboxFilters = Partial<
  Record<'type' | 'state' | 'categoryId' | 'governorate' | 'assignee' | 'deadline' | 'sort' | 'unitId', string>
>;

export const listInbox = (filters: InboxFilters) =>
  apiRequest<{ cases: CaseSummary[]; nextCursor: string | null }>('GET', '/inbox', { query: filters });

export const loadStaffCase = (id: string, signal?: AbortSignal) =>
  apiRequest<StaffCase>('GET', `/inbox/cases/${encodeURIComponent(id)}`, { signal });

/** Back-office actions and the lock: declared in the contracts (STAFF_ACTION_ENDPOINTS, LOCK_ENDPOINTS), called with api/call.ts. */
export type { LockAction, StaffAction } from '@epeople/contracts';

/** The staff this case may be assigned to: active officers and supervisors whose role reaches its unit. */
export const loadAssignees = async (id: string): Promise<CaseAssignee[]> =>
  (await apiRequest<{ assignees: CaseAssignee[] }>('GET', `/inbox/cases/${encodeURIComponent(id)}/assignees`))
    .assignees;

/** A unit's model answers, to start a draft from (GET /answer-templates?unitId=). */
export const loadAnswerTemplates = (unitId: string, requestType?: string) =>
  apiRequest<{ templates: AnswerTemplateDto[] }>('GET', '/answer-templates', { query: { unitId, requestType } });
