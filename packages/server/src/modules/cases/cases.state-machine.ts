import { CASE_ACTIONS, type CaseAction, type CaseState } from '@epeople/contracts';

/**
 * The case lifecycle of docs/PRODUCT.md §5 as one table: (state, action) → next state, and who may act.
 * Nothing else changes a case's state: use cases call `transition()` and write what it answers.
 *
 * Roles are relative to the case (cases.policies.ts derives them from the actor):
 * - owner: the signed-in citizen who filed it;
 * - holder: whoever presents the reference with its access code (guests, anonymous reporters);
 * - officer / supervisor: staff holding that role over the case's unit (by their role's reach);
 * - assignee: the staff member the case is assigned to;
 * - central_office: staff of the central office (re-routes and oversees everything);
 * - contributor: officers and supervisors of a unit contributing to a joint case (they read it
 *   and add their part, nothing else);
 * - system: jobs (deadline escalation, automatic closing).
 */
export const CASE_ROLES = [
  'owner',
  'holder',
  'officer',
  'assignee',
  'supervisor',
  'central_office',
  'contributor',
  'system',
] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

// ---- Named sets of states ----------------------------------------------------------------------

/** The case is over; only notes (and rating/follow-up of a closed answer) remain. */
export const TERMINAL_STATES = ['closed', 'rejected', 'withdrawn'] as const satisfies readonly CaseState[];
/** Not answered yet: the citizen may still withdraw or add documents. */
export const PRE_ANSWER_STATES = [
  'submitted',
  'registered',
  'assigned',
  'in_progress',
  'awaiting_citizen',
  'answer_drafted',
  'answer_approved',
  'reopened',
] as const satisfies readonly CaseState[];
/** Accepted by the unit and being handled (deadlines may be extended here). */
export const HANDLING_STATES = [
  'registered',
  'assigned',
  'in_progress',
  'awaiting_citizen',
  'answer_drafted',
  'answer_approved',
  'reopened',
] as const satisfies readonly CaseState[];
/** Not yet worked on: the case may still move to another unit or be turned away. */
export const TRANSFERABLE_STATES = [
  'submitted',
  'registered',
  'assigned',
  'in_progress',
  'reopened',
] as const satisfies readonly CaseState[];
export const REJECTABLE_STATES = [
  'submitted',
  'registered',
  'assigned',
  'in_progress',
] as const satisfies readonly CaseState[];
/** A supervisor approved the draft: it may go out as the answer. */
export const ANSWERABLE_STATES = ['answer_approved'] as const satisfies readonly CaseState[];
/** The answer is out: the citizen rates it or asks for a follow-up. */
export const ANSWERED_STATES = ['answered', 'closed'] as const satisfies readonly CaseState[];
/** The deadline clock is paused in these states. */
export const PAUSED_STATES = ['awaiting_citizen'] as const satisfies readonly CaseState[];
/** Deadlines run (and are warned and escalated) in these states. */
export const CLOCK_RUNNING_STATES = [
  'submitted',
  'registered',
  'assigned',
  'in_progress',
  'answer_drafted',
  'answer_approved',
  'reopened',
] as const satisfies readonly CaseState[];
export const ALL_STATES = [
  ...PRE_ANSWER_STATES,
  'answered',
  ...TERMINAL_STATES,
] as const satisfies readonly CaseState[];

// ---- The table ---------------------------------------------------------------------------------

/** `'same'`: the action leaves the state as it is (notes, messages, consents...). */
export type NextState = CaseState | 'same';

interface Rule {
  from: readonly CaseState[];
  to: NextState;
  by: readonly CaseRole[];
}

const HANDLERS = ['officer', 'assignee', 'supervisor', 'central_office'] as const;
const CITIZEN = ['owner', 'holder'] as const;

/** One rule list per action; a (state, action) pair appears at most once (checked by a test). */
export const TRANSITIONS: Readonly<Record<CaseAction, readonly Rule[]>> = {
  register: [{ from: ['submitted'], to: 'registered', by: ['officer', 'supervisor', 'central_office'] }],
  assign: [
    { from: ['submitted', 'registered', 'reopened', 'assigned'], to: 'assigned', by: ['supervisor', 'central_office'] },
    { from: ['in_progress', 'awaiting_citizen'], to: 'same', by: ['supervisor', 'central_office'] },
  ],
  start: [{ from: ['assigned', 'reopened'], to: 'in_progress', by: ['assignee', 'supervisor'] }],
  // The receiving unit triages it again (and its clock restarts).
  transfer: [{ from: TRANSFERABLE_STATES, to: 'registered', by: ['supervisor', 'central_office'] }],
  request_info: [{ from: ['in_progress'], to: 'awaiting_citizen', by: ['assignee', 'supervisor'] }],
  reply_info: [{ from: ['awaiting_citizen'], to: 'in_progress', by: CITIZEN }],
  add_note: [{ from: ALL_STATES, to: 'same', by: HANDLERS }],
  link_duplicate: [{ from: REJECTABLE_STATES, to: 'same', by: HANDLERS }],
  add_contributor: [
    {
      from: ['registered', 'assigned', 'in_progress', 'awaiting_citizen', 'reopened'],
      to: 'same',
      by: ['supervisor', 'central_office'],
    },
  ],
  extend_deadline: [{ from: HANDLING_STATES, to: 'same', by: ['supervisor'] }],
  save_draft: [{ from: ['in_progress'], to: 'same', by: ['assignee', 'supervisor'] }],
  submit_draft: [{ from: ['in_progress'], to: 'answer_drafted', by: ['assignee', 'supervisor'] }],
  return_draft: [{ from: ['answer_drafted', 'answer_approved'], to: 'in_progress', by: ['supervisor'] }],
  approve_draft: [{ from: ['answer_drafted'], to: 'answer_approved', by: ['supervisor'] }],
  answer: [{ from: ANSWERABLE_STATES, to: 'answered', by: ['assignee', 'supervisor'] }],
  reject: [{ from: REJECTABLE_STATES, to: 'rejected', by: ['supervisor', 'central_office'] }],
  close: [{ from: ['answered'], to: 'closed', by: ['supervisor', 'central_office', 'system'] }],
  contribute: [
    {
      from: ['registered', 'assigned', 'in_progress', 'awaiting_citizen', 'answer_drafted', 'reopened'],
      to: 'same',
      by: ['contributor'],
    },
  ],
  add_document: [{ from: PRE_ANSWER_STATES, to: 'same', by: CITIZEN }],
  withdraw: [{ from: PRE_ANSWER_STATES, to: 'withdrawn', by: CITIZEN }],
  // Rating closes an answered case (docs/PRODUCT.md §5); a case closed unrated may still be rated.
  rate: [{ from: ANSWERED_STATES, to: 'closed', by: CITIZEN }],
  // Once, within 30 days of the answer (checked by the use case): back to the same unit.
  request_follow_up: [{ from: ANSWERED_STATES, to: 'reopened', by: CITIZEN }],
  // Only an anonymous reporter has a sealed identity, and only the code's holder can reveal it.
  consent_identity: [{ from: [...PRE_ANSWER_STATES, 'answered'], to: 'same', by: ['holder'] }],
  consent_extension: [{ from: HANDLING_STATES, to: 'same', by: CITIZEN }],
  // A notice's thread, both ways, while the case is open (the reporter may still write after the answer).
  send_message: [{ from: [...PRE_ANSWER_STATES, 'answered'], to: 'same', by: [...CITIZEN, ...HANDLERS] }],
};

// ---- Reading the table -------------------------------------------------------------------------

export type TransitionResult =
  | { ok: true; from: CaseState; to: CaseState }
  | { ok: false; reason: 'invalid_transition' | 'not_allowed' };

function ruleFor(state: CaseState, action: CaseAction): Rule | undefined {
  return TRANSITIONS[action].find((rule) => rule.from.includes(state));
}

/** Whether the action exists in this state at all, whoever asks. */
export function isActionAvailable(state: CaseState, action: CaseAction): boolean {
  return ruleFor(state, action) !== undefined;
}

/**
 * The one decision: may someone holding `roles` do `action` on a case in `state`, and to which
 * state does it move? A wrong state is `invalid_transition`; a wrong person `not_allowed`.
 */
export function transition(state: CaseState, action: CaseAction, roles: ReadonlySet<CaseRole>): TransitionResult {
  const rule = ruleFor(state, action);
  if (!rule) return { ok: false, reason: 'invalid_transition' };
  if (!rule.by.some((role) => roles.has(role))) return { ok: false, reason: 'not_allowed' };
  return { ok: true, from: state, to: rule.to === 'same' ? state : rule.to };
}

/** The actions these roles may take now: the buttons a page shows. */
export function allowedActions(state: CaseState, roles: ReadonlySet<CaseRole>): CaseAction[] {
  return CASE_ACTIONS.filter((action) => transition(state, action, roles).ok);
}

export const isIn = <S extends CaseState>(set: readonly S[], state: CaseState): state is S =>
  (set as readonly CaseState[]).includes(state);
