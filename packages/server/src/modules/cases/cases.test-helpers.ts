import { randomUUID } from 'node:crypto';
import type { CaseAction } from '@epeople/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/client.ts';
import { calendarOf, clockOf, clockPatch, pauseClock } from '../calendar/index.ts';
import type { ActionEffects } from './case-change.ts';
import type { CaseRow } from './cases.table.ts';
import { performCaseAction } from './citizen/perform-case-action.ts';

/**
 * Moves a case through back-office actions for tests of the citizen side, through the real state
 * machine (performCaseAction) with the smallest effects each action needs: payloads fit their
 * schemas in cases.events.ts and cases.audit.ts, with made-up draft and answer ids. The
 * back-office use cases replace these effects with the real ones.
 */
type Effects = (
  now: Date,
  actor: Actor,
  theCase: CaseRow,
  ctx: AppContext,
  tx: Database,
) => ActionEffects | Promise<ActionEffects>;
const MINIMAL_EFFECTS: Partial<Record<CaseAction, Effects>> = {
  register: () => ({ events: [{ type: 'CASE_REGISTERED' }] }),
  assign: (_now, actor, theCase) => {
    const assigneeId = actor.kind === 'staff' ? actor.userId : randomUUID();
    return {
      patch: { assigneeId: actor.kind === 'staff' ? actor.userId : null },
      audit: { assigneeId, previousAssigneeId: theCase.assigneeId },
    };
  },
  start: () => ({}),
  request_info: async (now, _actor, theCase, ctx, tx) => {
    const clock = clockOf(theCase);
    return {
      patch: clock
        ? clockPatch(pauseClock({ calendar: await calendarOf(tx, ctx.config), clock, at: now }))
        : { pausedAt: now },
      events: [{ type: 'INFO_REQUESTED', data: { question: 'Which street?' } }],
    };
  },
  submit_draft: () => ({ audit: { draftId: randomUUID() } }),
  approve_draft: () => ({ audit: { draftId: randomUUID() } }),
  answer: (now) => {
    const answerId = randomUUID();
    return {
      patch: { outcome: 'upheld', answerText: 'The road will be repaired.', answeredAt: now },
      events: [{ type: 'ANSWER_SENT', data: { outcome: 'upheld', answerId } }],
      audit: { draftId: randomUUID(), outcome: 'upheld', answerId },
    };
  },
  add_note: () => ({ events: [{ type: 'NOTE_ADDED', data: { body: 'internal: caller seemed upset' } }] }),
};

export async function driveCase(ctx: AppContext, supervisor: Actor, reference: string, actions: readonly CaseAction[]) {
  for (const action of actions) {
    const effects = MINIMAL_EFFECTS[action];
    if (!effects) throw new Error(`no test effects for ${action}`);
    await performCaseAction({
      ctx,
      actor: supervisor,
      locator: { reference },
      action,
      decide: ({ now, theCase, tx }) => effects(now, supervisor, theCase, ctx, tx),
    });
  }
}

export const TO_AWAITING_CITIZEN: readonly CaseAction[] = ['register', 'assign', 'start', 'request_info'];
export const TO_ANSWERED: readonly CaseAction[] = [
  'register',
  'assign',
  'start',
  'submit_draft',
  'approve_draft',
  'answer',
];
