import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

/** Every setting production requires, so a test can vary one of them. */
const completeProduction = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://epeople.gov.tn',
  APP_SECRET: 'x'.repeat(40),
  LOG_PRIVATE_KEY_FILE: '/etc/epeople/log.pem',
  SIGNING_P12_FILE: '/etc/epeople/signing.p12',
  SIGNING_P12_PASSWORD: 'secret',
};

describe('configuration', () => {
  it('has working defaults for a first start on the embedded database, with demo data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', isEmbeddedDatabase: true, DEMO_MODE: true });
  });

  it('names each wrong variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', SMTP_URL: 'http://mail' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', SMTP_URL: 'http://mail' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/SMTP_URL/);
    }
  });

  it('requires an application secret in production and never makes demo accounts there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/APP_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(40), DEMO_MODE: 'true' })).toThrow(
      /DEMO_MODE/,
    );
    expect(loadConfig(completeProduction).DEMO_MODE).toBe(false);
  });

  it('requires the transparency log’s key in production and a log origin without spaces', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(40) })).toThrow(/LOG_PRIVATE_KEY_FILE/);
    expect(() => loadConfig({ LOG_ORIGIN: 'two words/log' })).toThrow(/LOG_ORIGIN/);
    expect(loadConfig({}).LOG_BATCH_INTERVAL_MS).toBe(2000);
  });

  it('a production server without PUBLIC_URL refuses to start, naming it (its links and the log origin would be wrong forever)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(40) })).toThrow(/PUBLIC_URL/);
  });

  it('outside production, PUBLIC_URL follows HOST and PORT, so e-mail links reach the server that sent them', () => {
    expect(loadConfig({}).PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '3917' }).PUBLIC_URL).toBe('http://localhost:3917');
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ HOST: '::1', PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ HOST: '192.0.2.7', PORT: '8080' }).PUBLIC_URL).toBe('http://192.0.2.7:8080');
    expect(loadConfig({ HOST: 'fd00::7', PORT: '8080' }).PUBLIC_URL).toBe('http://[fd00::7]:8080');
    expect(loadConfig({ PORT: '8080', PUBLIC_URL: 'https://epeople.example' }).PUBLIC_URL).toBe(
      'https://epeople.example',
    );
  });

  it('keeps the API reference and unauthenticated metrics out of production unless configured', () => {
    expect(loadConfig({}).API_DOCS_PUBLIC).toBe(true);
    expect(loadConfig(completeProduction).API_DOCS_PUBLIC).toBe(false);
    expect(loadConfig({ ...completeProduction, API_DOCS_PUBLIC: 'true' }).API_DOCS_PUBLIC).toBe(true);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  it('texts only the configured countries and limits acknowledgements to unverified contacts (docs/notifications.md)', () => {
    expect(loadConfig({})).toMatchObject({
      SMS_ALLOWED_COUNTRY_CODES: ['216'],
      UNVERIFIED_ACKS_PER_RECIPIENT_PER_DAY: 3,
      UNVERIFIED_ACKS_PER_SENDER_PER_HOUR: 10,
    });
    expect(loadConfig({ SMS_ALLOWED_COUNTRY_CODES: '216, 33,1' }).SMS_ALLOWED_COUNTRY_CODES).toEqual([
      '216',
      '33',
      '1',
    ]);
    for (const wrong of ['', '+216', 'TN', '216,', '0216', '2161']) {
      expect(() => loadConfig({ SMS_ALLOWED_COUNTRY_CODES: wrong })).toThrow(/SMS_ALLOWED_COUNTRY_CODES/);
    }
    expect(() => loadConfig({ UNVERIFIED_ACKS_PER_RECIPIENT_PER_DAY: '-1' })).toThrow(
      /UNVERIFIED_ACKS_PER_RECIPIENT_PER_DAY/,
    );
    expect(() => loadConfig({ UNVERIFIED_ACKS_PER_SENDER_PER_HOUR: 'ten' })).toThrow(
      /UNVERIFIED_ACKS_PER_SENDER_PER_HOUR/,
    );
  });

  it('a dead node’s deliveries come back after a one-minute lease, swept every 30 s, its jobs expiring after 2 minutes (docs/delivery-guarantees.md)', () => {
    expect(loadConfig({})).toMatchObject({
      DELIVERY_LEASE_SECONDS: 60,
      DELIVERY_SWEEP_SECONDS: 30,
      DELIVERY_JOB_EXPIRE_SECONDS: 120,
    });
    expect(
      loadConfig({ DELIVERY_LEASE_SECONDS: '3', DELIVERY_SWEEP_SECONDS: '1', DELIVERY_JOB_EXPIRE_SECONDS: '3' }),
    ).toMatchObject({ DELIVERY_LEASE_SECONDS: 3, DELIVERY_SWEEP_SECONDS: 1, DELIVERY_JOB_EXPIRE_SECONDS: 3 });
    // A lease renewed every third of it needs a few seconds to be renewed in time.
    expect(() => loadConfig({ DELIVERY_LEASE_SECONDS: '2' })).toThrow(/DELIVERY_LEASE_SECONDS/);
    expect(() => loadConfig({ DELIVERY_SWEEP_SECONDS: '0' })).toThrow(/DELIVERY_SWEEP_SECONDS/);
    expect(() => loadConfig({ DELIVERY_JOB_EXPIRE_SECONDS: 'soon' })).toThrow(/DELIVERY_JOB_EXPIRE_SECONDS/);
  });

  it('bounds the work in progress by default, each bound can be turned off with 0, and a nonsense bound stops the start (docs/operations.md#load-shedding)', () => {
    expect(loadConfig({})).toMatchObject({
      OVERLOAD_MAX_IN_FLIGHT: 256,
      // Off outside production (below).
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: 0,
      OVERLOAD_MAX_EVENT_LOOP_UTILIZATION: 0,
      OVERLOAD_MAX_DATABASE_WAITING: 100,
    });
    expect(
      loadConfig({
        OVERLOAD_MAX_IN_FLIGHT: '0',
        OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
        OVERLOAD_MAX_EVENT_LOOP_UTILIZATION: '0.95',
        OVERLOAD_MAX_DATABASE_WAITING: '0',
      }),
    ).toMatchObject({
      OVERLOAD_MAX_IN_FLIGHT: 0,
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: 0,
      OVERLOAD_MAX_EVENT_LOOP_UTILIZATION: 0.95,
      OVERLOAD_MAX_DATABASE_WAITING: 0,
    });
    expect(() => loadConfig({ OVERLOAD_MAX_IN_FLIGHT: '-1' })).toThrow(/OVERLOAD_MAX_IN_FLIGHT/);
    expect(() => loadConfig({ OVERLOAD_MAX_IN_FLIGHT: 'many' })).toThrow(/OVERLOAD_MAX_IN_FLIGHT/);
    expect(() => loadConfig({ OVERLOAD_MAX_EVENT_LOOP_UTILIZATION: '1.5' })).toThrow(
      /OVERLOAD_MAX_EVENT_LOOP_UTILIZATION/,
    );
    expect(() => loadConfig({ OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '2.5' })).toThrow(/OVERLOAD_MAX_EVENT_LOOP_DELAY_MS/);
    // Tests, journeys and `npm run dev` share a developer's cores: the loop's delay is theirs, not a crowd's.
    expect(loadConfig({ NODE_ENV: 'test' }).OVERLOAD_MAX_EVENT_LOOP_DELAY_MS).toBe(0);
    expect(loadConfig({ NODE_ENV: 'development' }).OVERLOAD_MAX_EVENT_LOOP_DELAY_MS).toBe(0);
    expect(
      loadConfig({ NODE_ENV: 'test', OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '50' }).OVERLOAD_MAX_EVENT_LOOP_DELAY_MS,
    ).toBe(50);
    expect(loadConfig(completeProduction).OVERLOAD_MAX_EVENT_LOOP_DELAY_MS).toBe(200);
  });

  it('makes no demo accounts on PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/epeople' }).DEMO_MODE).toBe(false);
  });

  it('stops the server before it listens, with exit code 78 and the reason', () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const result = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH, PORT: '-1' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('PORT');
  });
});
