import { z } from 'zod';

/**
 * Every setting of the server, read from the environment once at start. A wrong value stops
 * the process with a message naming the variable, before anything listens.
 * The README's configuration table mirrors this schema: keep them together.
 */
const booleanFromEnv = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /**
     * The address citizens reach: links in e-mail, QR codes on letters, and the transparency
     * log's origin, which is permanent once published. Required in production; in development it
     * is derived from HOST and PORT (see `derivedPublicUrl`).
     */
    PUBLIC_URL: z.url().optional(),
    DATA_DIR: z.string().default('./data'),
    DATABASE_URL: z.string().startsWith('postgres').optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    /** How long a request waits for a database connection before answering 503 (db/connection-gate.ts). */
    DATABASE_WAIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
    /** After SIGTERM/SIGINT, in-flight work gets this long; then the process exits anyway. */
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
    /**
     * Outbox delivery (docs/delivery-guarantees.md): a worker's claim on a row lasts this long and
     * is renewed every third of it while the worker lives; a dead node's rows come back when it
     * runs out. Longer than a pause of the event loop, shorter than a citizen's patience.
     */
    DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(3).max(3600).default(60),
    /** How often every node takes back expired claims and rows whose job was lost. */
    DELIVERY_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** pg-boss's expiry of delivery jobs: a dead node's `active` jobs are retried after it. */
    DELIVERY_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
    // Load shedding (docs/operations.md#load-shedding): beyond any of these bounds a request
    // answers 503 common.overloaded with Retry-After at once instead of queueing; 0 turns a bound off.
    /** Requests being handled at once (liveness and metrics not counted). */
    OVERLOAD_MAX_IN_FLIGHT: z.coerce.number().int().min(0).max(100_000).default(256),
    /**
     * Mean event-loop delay over the last quarter second, in milliseconds. Default 200 in
     * production, off otherwise: tests, the browser journeys and `npm run dev` share a developer's
     * cores with compilers and browsers, and a busy machine is not a crowd (a French journey was
     * once refused 503 mid-way under machine load; docs/operations.md#load-shedding).
     */
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
    /** Event-loop utilisation over the last quarter second (0 to 1); off by default, see docs. */
    OVERLOAD_MAX_EVENT_LOOP_UTILIZATION: z.coerce.number().min(0).max(1).default(0),
    /** Database calls waiting for a connection (the embedded database's one, or a pool slot). */
    OVERLOAD_MAX_DATABASE_WAITING: z.coerce.number().int().min(0).max(100_000).default(100),
    APP_SECRET: z.string().min(32).optional(),
    SMTP_URL: z.string().startsWith('smtp').optional(),
    MAIL_FROM: z.string().default('ePeople <no-reply@epeople.localhost>'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DEMO_MODE: booleanFromEnv.optional(),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    /**
     * A staff session's idle timeout: staff reach citizens' personal data (ASVS 3.3.2 level 2:
     * 30 minutes). The bounds leave room for a deployment, or a test, that moves days at a time.
     */
    STAFF_SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(30 * 24 * 60)
      .default(30),
    /** No session outlives this many hours after sign-in, however much it is used (ASVS 3.3.2: 12). */
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(12),
    /**
     * Prometheus scrapes /metrics with `Authorization: Bearer <METRICS_TOKEN>`. Without a token,
     * /metrics is served only outside production (it names routes, load and queue depths).
     */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** The API reference (/api/docs, /api/openapi.json): public by default outside production only. */
    API_DOCS_PUBLIC: booleanFromEnv.optional(),
    AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    FILING_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    TRUST_PROXY: booleanFromEnv.default(false),
    WEB_DIST_DIR: z.string().optional(),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
    AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(100).default(2000),
    // The transparency log: its Ed25519 key (PKCS#8 PEM; made in DATA_DIR/keys outside
    // production), its origin (default: PUBLIC_URL's host and path + "/log") and batch interval.
    LOG_PRIVATE_KEY_FILE: z.string().min(1).optional(),
    LOG_ORIGIN: z
      .string()
      .regex(/^[^\s+]+$/, 'must be a name without spaces or "+", e.g. epeople.gov.tn/log')
      .optional(),
    LOG_BATCH_INTERVAL_MS: z.coerce.number().int().min(100).default(2000),
    /** The working calendar's office hours, local time, e.g. `08:00-17:00`. */
    OFFICE_HOURS: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must look like 08:00-17:00')
      .refine((value) => value.slice(0, 5) < value.slice(6), 'must open before it closes')
      .default('08:00-17:00'),
    /** The working calendar's IANA time zone. */
    CALENDAR_TIME_ZONE: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as Africa/Tunis')
      .default('Africa/Tunis'),
    // Uploads without an account (guests, anonymous reporters): what one client address may upload
    // within UNAUTHENTICATED_UPLOAD_TTL_MINUTES, what all of them may hold unlinked at once, and how
    // long an unlinked one is kept. Any upload is refused while the disk holding attachments or
    // the temporary files has less than UPLOAD_MIN_FREE_BYTES free (attachments.bounds.ts).
    UNAUTHENTICATED_UPLOAD_BYTES_PER_ADDRESS: z.coerce
      .number()
      .int()
      .min(1024 * 1024)
      .default(256 * 1024 * 1024),
    UNAUTHENTICATED_UPLOAD_BYTES_TOTAL: z.coerce
      .number()
      .int()
      .min(1024 * 1024)
      .default(2 * 1024 * 1024 * 1024),
    UNAUTHENTICATED_UPLOAD_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(60),
    UPLOAD_MIN_FREE_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .default(1024 * 1024 * 1024),
    // Attachments go to S3-compatible object storage when S3_BUCKET is set, else DATA_DIR/attachments.
    S3_ENDPOINT: z.url().optional(),
    S3_BUCKET: z.string().min(3).optional(),
    S3_REGION: z.string().default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: booleanFromEnv.default(false),
    // SMS go to this HTTP gateway (JSON POST, bearer token) when set, else to the development stand-in.
    SMS_GATEWAY_URL: z.url().optional(),
    SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
    SMS_SENDER: z.string().min(1).max(32).optional(),
    // What ePeople sends in its own name to contacts nobody verified (docs/notifications.md):
    // the countries whose numbers it texts (calling codes, comma-separated: `216,33`), and how
    // many filing acknowledgements one guest address or number, and one client address, get.
    SMS_ALLOWED_COUNTRY_CODES: z
      .string()
      .default('216')
      .transform((value) => value.split(',').map((code) => code.trim()))
      .pipe(z.array(z.string().regex(/^[1-9]\d{0,2}$/, 'must be calling codes such as 216,33')).min(1)),
    UNVERIFIED_ACKS_PER_RECIPIENT_PER_DAY: z.coerce.number().int().min(0).max(1000).default(3),
    UNVERIFIED_ACKS_PER_SENDER_PER_HOUR: z.coerce.number().int().min(0).max(100_000).default(10),
    // Signing answers (letters and records): a key file with its certificate chain, a PKCS#12
    // file, or a key on a PKCS#11 token/HSM. Without one (never in production) the development
    // CA in DATA_DIR/keys signs, with certificates that say TEST.
    SIGNING_KEY_FILE: z.string().min(1).optional(),
    SIGNING_CERT_FILE: z.string().min(1).optional(),
    SIGNING_P12_FILE: z.string().min(1).optional(),
    SIGNING_P12_PASSWORD: z.string().optional(),
    SIGNING_PKCS11_MODULE: z.string().min(1).optional(),
    SIGNING_PKCS11_TOKEN_LABEL: z.string().min(1).optional(),
    SIGNING_PKCS11_PIN: z.string().min(1).optional(),
    SIGNING_PKCS11_KEY_LABEL: z.string().min(1).optional(),
    SIGNING_TRUST_ANCHORS_FILE: z.string().min(1).optional(),
    TSA_URL: z.url().optional(),
    // The public verifier reads uploaded PDFs on threads of their own, each reading within a time
    // budget, with a bounded queue: see docs/pdf-verification.md.
    VERIFY_THREADS: z.coerce.number().int().min(0).max(16).default(2),
    VERIFY_QUEUE_MAX: z.coerce.number().int().min(0).max(1000).default(16),
    VERIFY_TIME_BUDGET_MS: z.coerce.number().int().min(1).max(60_000).default(5_000),
  })
  .superRefine((value, ctx) => {
    if (value.NODE_ENV === 'production' && !value.PUBLIC_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'is required in production (the https address citizens use, e.g. https://epeople.gov.tn)',
      });
    }
    if (value.NODE_ENV === 'production' && !value.APP_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['APP_SECRET'], message: 'is required in production (32+ characters)' });
    }
    if (value.S3_BUCKET && (!value.S3_ACCESS_KEY_ID || !value.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['S3_ACCESS_KEY_ID'],
        message: 'S3_BUCKET needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY',
      });
    }
    if (value.SMS_GATEWAY_URL && !value.SMS_GATEWAY_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SMS_GATEWAY_TOKEN'], message: 'SMS_GATEWAY_URL needs SMS_GATEWAY_TOKEN' });
    }
    if (value.NODE_ENV === 'production' && !value.LOG_PRIVATE_KEY_FILE) {
      ctx.addIssue({
        code: 'custom',
        path: ['LOG_PRIVATE_KEY_FILE'],
        message: 'is required in production (the transparency log’s Ed25519 key, PKCS#8 PEM)',
      });
    }
    for (const issue of signingKeyIssues(value)) ctx.addIssue({ code: 'custom', ...issue });
    if (value.NODE_ENV === 'production' && value.DEMO_MODE === true) {
      ctx.addIssue({ code: 'custom', path: ['DEMO_MODE'], message: 'demo accounts are never created in production' });
    }
  });

/** One signing key, complete, and always one in production (see src/signing/signing.ts). */
function signingKeyIssues(value: {
  NODE_ENV: string;
  SIGNING_KEY_FILE?: string | undefined;
  SIGNING_CERT_FILE?: string | undefined;
  SIGNING_P12_FILE?: string | undefined;
  SIGNING_P12_PASSWORD?: string | undefined;
  SIGNING_PKCS11_MODULE?: string | undefined;
  SIGNING_PKCS11_TOKEN_LABEL?: string | undefined;
  SIGNING_PKCS11_PIN?: string | undefined;
  SIGNING_PKCS11_KEY_LABEL?: string | undefined;
}): Array<{ path: string[]; message: string }> {
  const issues: Array<{ path: string[]; message: string }> = [];
  const pkcs11Names = [
    'SIGNING_PKCS11_MODULE',
    'SIGNING_PKCS11_TOKEN_LABEL',
    'SIGNING_PKCS11_PIN',
    'SIGNING_PKCS11_KEY_LABEL',
  ] as const;
  const pkcs11Missing = pkcs11Names.filter((name) => value[name] === undefined);
  const backends = [
    value.SIGNING_KEY_FILE !== undefined,
    value.SIGNING_P12_FILE !== undefined || value.SIGNING_P12_PASSWORD !== undefined,
    pkcs11Missing.length < pkcs11Names.length,
  ].filter(Boolean).length;
  if (backends > 1) {
    issues.push({
      path: ['SIGNING_KEY_FILE'],
      message: 'configure one signing key: a key file, a PKCS#12 file or a PKCS#11 token',
    });
  }
  if (value.SIGNING_KEY_FILE !== undefined && value.SIGNING_CERT_FILE === undefined) {
    issues.push({
      path: ['SIGNING_CERT_FILE'],
      message: 'SIGNING_KEY_FILE needs SIGNING_CERT_FILE (PEM certificate and chain)',
    });
  }
  if (
    value.SIGNING_CERT_FILE !== undefined &&
    value.SIGNING_KEY_FILE === undefined &&
    value.SIGNING_PKCS11_MODULE === undefined
  ) {
    issues.push({
      path: ['SIGNING_KEY_FILE'],
      message: 'SIGNING_CERT_FILE needs SIGNING_KEY_FILE (or a PKCS#11 token)',
    });
  }
  if ((value.SIGNING_P12_FILE === undefined) !== (value.SIGNING_P12_PASSWORD === undefined)) {
    issues.push({ path: ['SIGNING_P12_PASSWORD'], message: 'SIGNING_P12_FILE and SIGNING_P12_PASSWORD go together' });
  }
  if (pkcs11Missing.length > 0 && pkcs11Missing.length < pkcs11Names.length) {
    issues.push({ path: [pkcs11Missing[0] ?? ''], message: `a PKCS#11 key also needs ${pkcs11Missing.join(', ')}` });
  }
  if (value.NODE_ENV === 'production' && backends === 0) {
    issues.push({
      path: ['SIGNING_KEY_FILE'],
      message:
        'a signing key is required in production: SIGNING_KEY_FILE + SIGNING_CERT_FILE, SIGNING_P12_FILE + SIGNING_P12_PASSWORD, or SIGNING_PKCS11_MODULE + _TOKEN_LABEL + _PIN + _KEY_LABEL',
    });
  }
  return issues;
}

export type RawConfig = z.infer<typeof configSchema>;

export interface Config
  extends Omit<RawConfig, 'DEMO_MODE' | 'PUBLIC_URL' | 'API_DOCS_PUBLIC' | 'OVERLOAD_MAX_EVENT_LOOP_DELAY_MS'> {
  /** Demo accounts are made only on the embedded database and never in production. */
  DEMO_MODE: boolean;
  PUBLIC_URL: string;
  API_DOCS_PUBLIC: boolean;
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: number;
  isProduction: boolean;
  isEmbeddedDatabase: boolean;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const raw = parsed.data;
  const isProduction = raw.NODE_ENV === 'production';
  const isEmbeddedDatabase = !raw.DATABASE_URL;
  return {
    ...raw,
    isProduction,
    isEmbeddedDatabase,
    DEMO_MODE: !isProduction && isEmbeddedDatabase && (raw.DEMO_MODE ?? true),
    PUBLIC_URL: raw.PUBLIC_URL ?? derivedPublicUrl(raw.HOST, raw.PORT),
    API_DOCS_PUBLIC: raw.API_DOCS_PUBLIC ?? !isProduction,
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: raw.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS ?? (isProduction ? 200 : 0),
  };
}

/**
 * Outside production, where the server listens. A wildcard or loopback address becomes
 * `localhost`, the name the README tells people to open: a link to 127.0.0.1 would be another
 * origin, without the session cookie set on localhost. An IPv6 literal gets its brackets.
 * (A development server on port 0 gets links to port 0: set PUBLIC_URL.)
 */
export function derivedPublicUrl(host: string, port: number): string {
  const local = ['0.0.0.0', '::', '', '127.0.0.1', '::1', 'localhost'].includes(host);
  const name = local ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return new URL(`http://${name}:${port}`).origin;
}
