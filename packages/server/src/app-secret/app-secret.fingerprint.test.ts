import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-context.ts';
import { ConfigError } from '../config.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { appSecretFingerprint, checkAppSecret } from './app-secret.fingerprint.ts';

describe('the APP_SECRET fingerprint', () => {
  let database: DatabaseHandle;
  const secret = randomBytes(32).toString('base64url');
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('is stored at the first start and accepts the same secret at every later start', async () => {
    await checkAppSecret({ db: database.db, appSecret: secret });
    await checkAppSecret({ db: database.db, appSecret: secret });
    const { rows } = await database.query<{ fingerprint: string }>('SELECT fingerprint FROM app_secret_fingerprint');
    expect(rows).toEqual([{ fingerprint: appSecretFingerprint(secret) }]);
  });

  it('is keyed: it is neither the secret nor a plain hash of it, and differs for another secret', () => {
    const fingerprint = appSecretFingerprint(secret);
    expect(fingerprint).not.toContain(secret);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(appSecretFingerprint(`${secret}x`)).not.toBe(fingerprint);
  });

  it('refuses another secret with a configuration error naming APP_SECRET, and keeps the first fingerprint', async () => {
    const other = randomBytes(32).toString('base64url');
    const refusal = checkAppSecret({ db: database.db, appSecret: other });
    await expect(refusal).rejects.toBeInstanceOf(ConfigError);
    await expect(refusal).rejects.toThrow(/APP_SECRET: is not the secret this database was created with/);
    await expect(refusal).rejects.not.toThrow(other);
    await checkAppSecret({ db: database.db, appSecret: secret });
  });
});
