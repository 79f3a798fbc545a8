import type { AppContext } from '../../../app-context.ts';
import { type AttemptCounterRow, createAttemptsRepository, hashCounterKey } from '../../accounts/index.ts';

/**
 * How many filing acknowledgements ePeople sends to contacts nobody verified (a guest's e-mail
 * or phone), so that nobody can use it to flood an inbox or a phone, or run up its SMS bill
 * (docs/notifications.md, "Limits"). Counted in attempt_counters (migration 0014), like the
 * secrets' doors of accounts/accounts.attempts.ts, so every node shares one count; keys are
 * HMACs, so the table holds no address, number or client IP. Each counter is a fixed window
 * opened by its first message:
 * - unverified_ack_recipient: per e-mail address or phone number, UNVERIFIED_ACKS_PER_RECIPIENT_PER_DAY;
 * - unverified_ack_sender: per client address (`request.ip`), UNVERIFIED_ACKS_PER_SENDER_PER_HOUR.
 */
const RECIPIENT_DOOR = 'unverified_ack_recipient';
const SENDER_DOOR = 'unverified_ack_sender';
const DAY_MS = 24 * 3_600_000;
const HOUR_MS = 3_600_000;

/** Why an acknowledgement was not sent: kept on the suppressed row (never its content). */
export type SuppressionReason = 'recipient_limit' | 'sender_limit';

/**
 * Counts one acknowledgement to `recipient` asked by `client`, and answers why it must not be
 * sent, or null when it may. A client over its limit does not count against the recipient: a
 * flood from one address must not use up the allowance of an address it merely names. Without
 * `client` (a use case called from a job or a test, never from a request) only the recipient
 * is counted.
 */
export async function takeUnverifiedAckAllowance(
  ctx: AppContext,
  { recipient, client }: { recipient: string; client: string | undefined },
): Promise<SuppressionReason | null> {
  const now = ctx.now();
  const recipientKey = keyOf(ctx, RECIPIENT_DOOR, `recipient:${recipient.trim().toLowerCase()}`);
  const senderKey = client === undefined ? undefined : keyOf(ctx, SENDER_DOOR, `address:${client}`);
  const { config } = ctx;
  let opened = false;
  const result = await ctx.database.db.transaction(async (tx) => {
    const repository = createAttemptsRepository({ db: tx });
    // Locked FOR UPDATE until commit: parallel filings take turns, so none slips past a limit.
    const rows = await repository.lockCounters(senderKey ? [recipientKey, senderKey] : [recipientKey], now);
    const rowOf = (door: string) => rows.find((row) => row.door === door);
    const sender = rowOf(SENDER_DOOR);
    if (sender && (await count(sender, HOUR_MS)) > config.UNVERIFIED_ACKS_PER_SENDER_PER_HOUR) return 'sender_limit';
    const target = rowOf(RECIPIENT_DOOR);
    if (target && (await count(target, DAY_MS)) > config.UNVERIFIED_ACKS_PER_RECIPIENT_PER_DAY)
      return 'recipient_limit';
    return null;

    /** One more in the row's window (a new window once the last one passed); answers the count. */
    async function count(row: AttemptCounterRow, windowMs: number): Promise<number> {
      const expired = row.forgetAt.getTime() <= now.getTime();
      const attempts = expired ? 1 : row.attempts + 1;
      opened ||= expired;
      const forgetAt = expired ? new Date(now.getTime() + windowMs) : row.forgetAt;
      await repository.writeCounter(row, { attempts, blockedUntil: null, forgetAt });
      return attempts;
    }
  });
  // A new window is the moment to drop a few forgotten counters, as accounts.attempts.ts does.
  if (opened) await createAttemptsRepository({ db: ctx.database.db }).sweepForgotten(now);
  return result;
}

function keyOf(ctx: AppContext, door: string, key: string) {
  const keyHash = hashCounterKey(ctx.config, key);
  // No account: the key is its own subject (a password reset clears nothing here).
  return { door, keyHash, subjectHash: keyHash };
}
