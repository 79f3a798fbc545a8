import { CASE_ACTIONS, CASE_STATES, type CaseAction, type CaseState } from '@epeople/contracts';
import { describe, expect, it } from 'vitest';
import {
  ALL_STATES,
  allowedActions,
  CASE_ROLES,
  type CaseRole,
  TRANSITIONS,
  transition,
} from './cases.state-machine.ts';

/**
 * The lifecycle of docs/PRODUCT.md §5 written out by hand, one line per (action, state) that exists:
 * action, state, next state (`=` stays), the roles allowed. Every other (state, action, role)
 * triple must be refused: `invalid_transition` when the pair is not listed, `not_allowed` when
 * the role is not. Change this table and the state machine together, on purpose.
 */
const EXPECTED = `
  register           submitted         registered        officer supervisor central_office
  assign             submitted         assigned          supervisor central_office
  assign             registered        assigned          supervisor central_office
  assign             reopened          assigned          supervisor central_office
  assign             assigned          assigned          supervisor central_office
  assign             in_progress       =                 supervisor central_office
  assign             awaiting_citizen  =                 supervisor central_office
  start              assigned          in_progress       assignee supervisor
  start              reopened          in_progress       assignee supervisor
  transfer           submitted         registered        supervisor central_office
  transfer           registered        registered        supervisor central_office
  transfer           assigned          registered        supervisor central_office
  transfer           in_progress       registered        supervisor central_office
  transfer           reopened          registered        supervisor central_office
  request_info       in_progress       awaiting_citizen  assignee supervisor
  reply_info         awaiting_citizen  in_progress       owner holder
  add_note           submitted         =                 officer assignee supervisor central_office
  add_note           registered        =                 officer assignee supervisor central_office
  add_note           assigned          =                 officer assignee supervisor central_office
  add_note           in_progress       =                 officer assignee supervisor central_office
  add_note           awaiting_citizen  =                 officer assignee supervisor central_office
  add_note           answer_drafted    =                 officer assignee supervisor central_office
  add_note           answer_approved   =                 officer assignee supervisor central_office
  add_note           reopened          =                 officer assignee supervisor central_office
  add_note           answered          =                 officer assignee supervisor central_office
  add_note           closed            =                 officer assignee supervisor central_office
  add_note           rejected          =                 officer assignee supervisor central_office
  add_note           withdrawn         =                 officer assignee supervisor central_office
  link_duplicate     submitted         =                 officer assignee supervisor central_office
  link_duplicate     registered        =                 officer assignee supervisor central_office
  link_duplicate     assigned          =                 officer assignee supervisor central_office
  link_duplicate     in_progress       =                 officer assignee supervisor central_office
  add_contributor    registered        =                 supervisor central_office
  add_contributor    assigned          =                 supervisor central_office
  add_contributor    in_progress       =                 supervisor central_office
  add_contributor    awaiting_citizen  =                 supervisor central_office
  add_contributor    reopened          =                 supervisor central_office
  extend_deadline    registered        =                 supervisor
  extend_deadline    assigned          =                 supervisor
  extend_deadline    in_progress       =                 supervisor
  extend_deadline    awaiting_citizen  =                 supervisor
  extend_deadline    answer_drafted    =                 supervisor
  extend_deadline    answer_approved   =                 supervisor
  extend_deadline    reopened          =                 supervisor
  save_draft         in_progress       =                 assignee supervisor
  submit_draft       in_progress       answer_drafted    assignee supervisor
  return_draft       answer_drafted    in_progress       supervisor
  return_draft       answer_approved   in_progress       supervisor
  approve_draft      answer_drafted    answer_approved   supervisor
  answer             answer_approved   answered          assignee supervisor
  reject             submitted         rejected          supervisor central_office
  reject             registered        rejected          supervisor central_office
  reject             assigned          rejected          supervisor central_office
  reject             in_progress       rejected          supervisor central_office
  close              answered          closed            supervisor central_office system
  contribute         registered        =                 contributor
  contribute         assigned          =                 contributor
  contribute         in_progress       =                 contributor
  contribute         awaiting_citizen  =                 contributor
  contribute         answer_drafted    =                 contributor
  contribute         reopened          =                 contributor
  add_document       submitted         =                 owner holder
  add_document       registered        =                 owner holder
  add_document       assigned          =                 owner holder
  add_document       in_progress       =                 owner holder
  add_document       awaiting_citizen  =                 owner holder
  add_document       answer_drafted    =                 owner holder
  add_document       answer_approved   =                 owner holder
  add_document       reopened          =                 owner holder
  withdraw           submitted         withdrawn         owner holder
  withdraw           registered        withdrawn         owner holder
  withdraw           assigned          withdrawn         owner holder
  withdraw           in_progress       withdrawn         owner holder
  withdraw           awaiting_citizen  withdrawn         owner holder
  withdraw           answer_drafted    withdrawn         owner holder
  withdraw           answer_approved   withdrawn         owner holder
  withdraw           reopened          withdrawn         owner holder
  rate               answered          closed            owner holder
  rate               closed            closed            owner holder
  request_follow_up  answered          reopened          owner holder
  request_follow_up  closed            reopened          owner holder
  consent_identity   submitted         =                 holder
  consent_identity   registered        =                 holder
  consent_identity   assigned          =                 holder
  consent_identity   in_progress       =                 holder
  consent_identity   awaiting_citizen  =                 holder
  consent_identity   answer_drafted    =                 holder
  consent_identity   answer_approved   =                 holder
  consent_identity   reopened          =                 holder
  consent_identity   answered          =                 holder
  consent_extension  registered        =                 owner holder
  consent_extension  assigned          =                 owner holder
  consent_extension  in_progress       =                 owner holder
  consent_extension  awaiting_citizen  =                 owner holder
  consent_extension  answer_drafted    =                 owner holder
  consent_extension  answer_approved   =                 owner holder
  consent_extension  reopened          =                 owner holder
  send_message       submitted         =                 owner holder officer assignee supervisor central_office
  send_message       registered        =                 owner holder officer assignee supervisor central_office
  send_message       assigned          =                 owner holder officer assignee supervisor central_office
  send_message       in_progress       =                 owner holder officer assignee supervisor central_office
  send_message       awaiting_citizen  =                 owner holder officer assignee supervisor central_office
  send_message       answer_drafted    =                 owner holder officer assignee supervisor central_office
  send_message       answer_approved   =                 owner holder officer assignee supervisor central_office
  send_message       reopened          =                 owner holder officer assignee supervisor central_office
  send_message       answered          =                 owner holder officer assignee supervisor central_office
`;

interface Expectation {
  to: CaseState;
  roles: ReadonlySet<string>;
}

function parseExpected(): Map<string, Expectation> {
  const expected = new Map<string, Expectation>();
  for (const line of EXPECTED.trim().split('\n')) {
    const [action, state, to, ...roles] = line.trim().split(/\s+/);
    if (!action || !state || !to) throw new Error(`bad line: ${line}`);
    const key = `${action} ${state}`;
    if (expected.has(key)) throw new Error(`listed twice: ${key}`);
    expected.set(key, { to: (to === '=' ? state : to) as CaseState, roles: new Set(roles) });
  }
  return expected;
}

describe('the case state machine', () => {
  const expected = parseExpected();

  it('knows every state of the contracts, and only those', () => {
    expect([...ALL_STATES].sort()).toEqual([...CASE_STATES].sort());
  });

  it('lists each (state, action) pair at most once', () => {
    for (const action of CASE_ACTIONS) {
      const states = TRANSITIONS[action].flatMap((rule) => rule.from);
      expect(new Set(states).size, action).toBe(states.length);
    }
  });

  it.each(CASE_ACTIONS)('"%s": every (state, role) is allowed or refused exactly as the lifecycle says', (action) => {
    const mismatches: string[] = [];
    for (const state of CASE_STATES) {
      const expectation = expected.get(`${action} ${state}`);
      for (const role of CASE_ROLES) {
        const result = transition(state, action, new Set<CaseRole>([role]));
        const want = !expectation
          ? 'invalid_transition'
          : expectation.roles.has(role)
            ? `-> ${expectation.to}`
            : 'not_allowed';
        const got = result.ok ? `-> ${result.to}` : result.reason;
        if (got !== want) mismatches.push(`${state} by ${role}: expected ${want}, got ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses an actor with no role on the case, in every state', () => {
    for (const state of CASE_STATES) {
      for (const action of CASE_ACTIONS) {
        expect(transition(state, action, new Set()).ok, `${action} in ${state}`).toBe(false);
      }
    }
  });

  it('lets an actor holding several roles act when any one of them may', () => {
    const roles = new Set<CaseRole>(['officer', 'assignee']);
    expect(transition('in_progress', 'request_info', roles)).toEqual({
      ok: true,
      from: 'in_progress',
      to: 'awaiting_citizen',
    });
  });

  it('answers the buttons a role sees: a holder of an answered case may rate, follow up, message, reveal', () => {
    const actions: CaseAction[] = allowedActions('answered', new Set<CaseRole>(['holder']));
    expect(actions.sort()).toEqual(['consent_identity', 'rate', 'request_follow_up', 'send_message']);
  });

  it('leaves nothing to do on a withdrawn or rejected case but internal notes', () => {
    const everyone = new Set<CaseRole>(CASE_ROLES);
    expect(allowedActions('withdrawn', everyone)).toEqual(['add_note']);
    expect(allowedActions('rejected', everyone)).toEqual(['add_note']);
  });
});
