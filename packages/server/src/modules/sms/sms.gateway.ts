import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { isSmsCountryAllowed } from './sms.countries.ts';
import { createSmsRepository } from './sms.repository.ts';

/**
 * Where text messages go. `send` answers the provider's message id, or throws when the message
 * was not accepted (the caller's job retries it). `idempotencyKey` is the same on every attempt
 * at one message (the outbox row's id), so a gateway that honours it never delivers a retried
 * message twice, even one re-sent after its node died mid-call (docs/delivery-guarantees.md).
 */
export interface SmsGateway {
  kind: 'http' | 'keep';
  send(to: string, text: string, options: { idempotencyKey: string }): Promise<string>;
}

/** A refusal or failure of the gateway; the message is not recorded as sent. */
export class SmsGatewayError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'SmsGatewayError';
    this.status = status;
  }
}

/**
 * A number outside SMS_ALLOWED_COUNTRY_CODES: never sent, and not worth a retry. Filing and the
 * profile refuse such numbers first; this is the second check, on the way out, for a row written
 * before the setting changed or by a path that forgot the first (docs/notifications.md).
 */
export class SmsCountryNotAllowedError extends Error {
  constructor() {
    super('SMS not sent: the number is outside SMS_ALLOWED_COUNTRY_CODES');
    this.name = 'SmsCountryNotAllowedError';
  }
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * A generic HTTP gateway: `POST SMS_GATEWAY_URL` with a JSON body `{ to, text, sender }`, the
 * bearer token and an `Idempotency-Key` header; a 2xx answer's JSON `id` (or `messageId`) is the
 * provider's id. Most SMS aggregators, or a small adapter in front of one, speak this.
 */
export function createHttpSmsGateway({
  url,
  token,
  sender,
}: {
  url: string;
  token: string;
  sender: string | undefined;
}): SmsGateway {
  return {
    kind: 'http',
    async send(to, text, { idempotencyKey }) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': idempotencyKey,
          },
          body: JSON.stringify({ to, text, ...(sender ? { sender } : {}) }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        throw new SmsGatewayError(`SMS gateway unreachable: ${(error as Error).name}`);
      }
      if (!response.ok) {
        // The body may echo the message; only the status is kept.
        await response.body?.cancel();
        throw new SmsGatewayError(`SMS gateway answered ${response.status}`, response.status);
      }
      const body = (await response.json().catch(() => ({}))) as { id?: unknown; messageId?: unknown };
      const id = body.id ?? body.messageId;
      return typeof id === 'string' || typeof id === 'number' ? String(id) : idempotencyKey;
    },
  };
}

/** The development stand-in: messages are kept in the database for GET /api/v1/dev/sms. */
export function createKeptSmsGateway({ db, now }: { db: Database; now: () => Date }): SmsGateway {
  return {
    kind: 'keep',
    send: (to, text) => createSmsRepository({ db }).keep(to, text, now()),
  };
}

/**
 * The HTTP gateway when SMS_GATEWAY_URL is set, else the development stand-in; either way it
 * refuses numbers outside SMS_ALLOWED_COUNTRY_CODES before anything leaves.
 */
export function createSmsGateway({
  config,
  db,
  now,
}: {
  config: Pick<Config, 'SMS_GATEWAY_URL' | 'SMS_GATEWAY_TOKEN' | 'SMS_SENDER' | 'SMS_ALLOWED_COUNTRY_CODES'>;
  db: Database;
  now: () => Date;
}): SmsGateway {
  const gateway =
    config.SMS_GATEWAY_URL && config.SMS_GATEWAY_TOKEN
      ? createHttpSmsGateway({
          url: config.SMS_GATEWAY_URL,
          token: config.SMS_GATEWAY_TOKEN,
          sender: config.SMS_SENDER,
        })
      : createKeptSmsGateway({ db, now });
  return {
    kind: gateway.kind,
    send(to, text, options) {
      if (!isSmsCountryAllowed(config, to)) return Promise.reject(new SmsCountryNotAllowedError());
      return gateway.send(to, text, options);
    },
  };
}
