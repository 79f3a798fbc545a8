import type { AppContext } from '../../../app-context.ts';
import { type Actor, auditActorOf } from '../../../auth/actor.ts';
import type { Database } from '../../../db/client.ts';
import { createAuditRepository } from '../../audit/index.ts';
import { warningInstant } from '../../calendar/index.ts';
import { notifyCitizen, supervisorsOf } from '../case-handling.notify.ts';
import { calendarOf, clockOf } from '../cases.clock.ts';
import { CASE_EVENT_VISIBILITY, type CaseEventType } from '../cases.events.ts';
import { dispatchCaseNotifications } from '../cases.notifications.ts';
import { createCasesRepository, type NewCaseNotification } from '../cases.repository.ts';
import type { CaseRow } from '../cases.table.ts';
import { createDeadlineWorkRepository } from '../deadline-work.repository.ts';
import { closeAnsweredCase } from './close-answered-case.ts';
import { staffNotifications } from './perform-staff-action.ts';

/** How often a node looks for due deadline work; each run handles at most BATCH cases per kind. */
export const DEADLINE_SCAN_INTERVAL_MS = 60_000;
const BATCH = 200;
/** A progress notice every 30 days on long cases; answered cases close after 30 quiet days. */
export const PROGRESS_NOTICE_EVERY_DAYS = 30;
export const AUTO_CLOSE_AFTER_DAYS = 30;

const DEADLINE_JOBS: Actor = { kind: 'system', name: 'deadline-jobs' };

export interface DeadlineScanResult {
  warned: string[];
  escalated: string[];
  /** Notices escalated because they were not acknowledged in time. */
  acknowledgementsEscalated: string[];
  progressNotices: string[];
  closed: string[];
}

/**
 * One scan of the deadline work (docs/PRODUCT.md §4.2), owned by the cases module because every write
 * is to cases; the calendar module only supplies the time arithmetic (the 75% instant on the
 * working calendar). Each case is handled in its own transaction by a function below that marks
 * it conditionally, so a repeated scan, or a scan on a second node, does nothing more, and one
 * failing case does not hold back the others. Due work is found again after a restart.
 */
export async function runDeadlineScan(ctx: AppContext): Promise<DeadlineScanResult> {
  const now = ctx.now();
  const work = createDeadlineWorkRepository({ db: ctx.database.db });
  const calendar = await calendarOf(ctx.database.db, ctx.config);
  const result: DeadlineScanResult = {
    warned: [],
    escalated: [],
    acknowledgementsEscalated: [],
    progressNotices: [],
    closed: [],
  };

  for (const theCase of await work.findWarningCandidates(now, BATCH)) {
    const clock = clockOf(theCase);
    const warnAt = clock ? warningInstant({ calendar, clock }) : undefined;
    if (!clock || !warnAt || warnAt > now || clock.dueAt <= now) continue;
    if (await warnCase({ ctx, caseId: theCase.id, checkedDueAt: clock.dueAt, now })) result.warned.push(theCase.id);
  }
  for (const caseId of await work.findOverdue(now, BATCH)) {
    if (await escalateCase({ ctx, caseId, now })) result.escalated.push(caseId);
  }
  for (const caseId of await work.findAcknowledgementOverdue(now, BATCH)) {
    if (await escalateUnacknowledgedNotice({ ctx, caseId, now })) result.acknowledgementsEscalated.push(caseId);
  }
  for (const caseId of await work.findProgressDue(now, PROGRESS_NOTICE_EVERY_DAYS, BATCH)) {
    if (await sendProgressNotice({ ctx, caseId, now })) result.progressNotices.push(caseId);
  }
  for (const caseId of await work.findAnsweredToClose(now, AUTO_CLOSE_AFTER_DAYS, BATCH)) {
    if (await closeAnsweredCase({ ctx, caseId })) result.closed.push(caseId);
  }
  return result;
}

/**
 * In one transaction: the conditional mark, the case event, the audit record and the outbox
 * rows; the notifications are queued after commit. False when the mark found nothing to do.
 */
async function markCase({
  ctx,
  now,
  mark,
  event,
  auditAction,
  recipients,
}: {
  ctx: AppContext;
  now: Date;
  mark: (tx: Database) => Promise<CaseRow | undefined>;
  event: { type: CaseEventType; data?: Record<string, unknown> };
  auditAction: string;
  recipients: (tx: Database, theCase: CaseRow) => Promise<NewCaseNotification[]>;
}): Promise<boolean> {
  const notificationIds = await ctx.database.db.transaction(async (tx) => {
    const theCase = await mark(tx);
    if (!theCase) return undefined;
    const repository = createCasesRepository({ db: tx });
    await repository.insertEvents([
      {
        caseId: theCase.id,
        type: event.type,
        visibility: CASE_EVENT_VISIBILITY[event.type],
        actorKind: 'system',
        actorId: null,
        data: event.data ?? {},
        createdAt: now,
      },
    ]);
    await createAuditRepository({ db: tx }).record({
      ...auditActorOf(DEADLINE_JOBS),
      action: auditAction,
      subjectType: 'case',
      subjectId: theCase.id,
      data: { reference: theCase.reference },
    });
    return repository.insertNotifications(await recipients(tx, theCase));
  });
  if (!notificationIds) return false;
  await dispatchCaseNotifications(ctx, notificationIds);
  return true;
}

const dueAtData = (theCase: CaseRow) => ({ dueAt: theCase.dueAt?.toISOString() ?? null });

/** 75% of the time used: the assignee is told in-app, or the unit's supervisors when nobody holds it. */
export function warnCase({
  ctx,
  caseId,
  checkedDueAt,
  now,
}: {
  ctx: AppContext;
  caseId: string;
  checkedDueAt: Date;
  now: Date;
}): Promise<boolean> {
  return markCase({
    ctx,
    now,
    mark: (tx) => createDeadlineWorkRepository({ db: tx }).markWarned(caseId, now, checkedDueAt),
    event: { type: 'DEADLINE_WARNED', data: { dueAt: checkedDueAt.toISOString() } },
    auditAction: 'cases.deadline_warned',
    recipients: async (tx, theCase) =>
      staffNotifications(
        theCase,
        theCase.assigneeId ? [theCase.assigneeId] : await supervisorsOf(tx, theCase.unitId),
        'deadline_warning',
        dueAtData(theCase),
      ),
  });
}

/** The deadline passed: the unit's supervisors and the central office's staff are told in-app. */
export function escalateCase({ ctx, caseId, now }: { ctx: AppContext; caseId: string; now: Date }): Promise<boolean> {
  return markCase({
    ctx,
    now,
    mark: (tx) => createDeadlineWorkRepository({ db: tx }).markEscalated(caseId, now),
    event: { type: 'DEADLINE_ESCALATED' },
    auditAction: 'cases.deadline_escalated',
    recipients: toSupervisorsAndCentralOffice('deadline_escalated', dueAtData),
  });
}

/**
 * A notice still waiting in 'submitted' past its acknowledgement deadline (docs/PRODUCT.md §4.2: three
 * working days): the unit's supervisors and the central office's staff are told in-app, once.
 */
export function escalateUnacknowledgedNotice({
  ctx,
  caseId,
  now,
}: {
  ctx: AppContext;
  caseId: string;
  now: Date;
}): Promise<boolean> {
  return markCase({
    ctx,
    now,
    mark: (tx) => createDeadlineWorkRepository({ db: tx }).markAcknowledgementEscalated(caseId, now),
    event: { type: 'ACKNOWLEDGEMENT_OVERDUE' },
    auditAction: 'cases.acknowledgement_overdue',
    recipients: toSupervisorsAndCentralOffice('acknowledgement_overdue', (theCase) => ({
      acknowledgeDueAt: theCase.acknowledgeDueAt?.toISOString() ?? null,
    })),
  });
}

/** An escalation's audience: the unit's supervisors and the central office's staff, in-app. */
function toSupervisorsAndCentralOffice(template: string, data: (theCase: CaseRow) => Record<string, unknown>) {
  return async (tx: Database, theCase: CaseRow) =>
    staffNotifications(
      theCase,
      [
        ...(await supervisorsOf(tx, theCase.unitId)),
        ...(await createDeadlineWorkRepository({ db: tx }).centralOfficeStaff()),
      ],
      template,
      data(theCase),
    );
}

/** Every 30 days on a long case: the citizen hears it is still handled, on their channels, in its language. */
export function sendProgressNotice({
  ctx,
  caseId,
  now,
}: {
  ctx: AppContext;
  caseId: string;
  now: Date;
}): Promise<boolean> {
  return markCase({
    ctx,
    now,
    mark: (tx) =>
      createDeadlineWorkRepository({ db: tx }).markProgressNotified(caseId, now, PROGRESS_NOTICE_EVERY_DAYS),
    event: { type: 'PROGRESS_NOTICE_SENT' },
    auditAction: 'cases.progress_notice_sent',
    recipients: (tx, theCase) =>
      notifyCitizen({
        ctx,
        db: tx,
        theCase,
        template: 'case_progress',
        // A paused clock's due instant is not meaningful to the citizen.
        dueAt: theCase.pausedAt ? null : theCase.dueAt,
      }),
  });
}

/** Start-up hook: scans on a timer on every node (the marks make the work happen once). */
export async function startDeadlineWork(ctx: AppContext): Promise<() => Promise<void>> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => runDeadlineScan(ctx))
      .catch((error: unknown) => ctx.logger.error({ err: error }, 'deadline scan failed'));
  }, DEADLINE_SCAN_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
