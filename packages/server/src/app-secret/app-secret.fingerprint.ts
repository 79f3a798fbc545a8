import { createHmac } from 'node:crypto';
import { ConfigError } from '../config.ts';
import type { Database } from '../db/client.ts';
import { createAppSecretRepository } from './app-secret.repository.ts';

/** Fixed: changing it would make every stored fingerprint mismatch. */
const FINGERPRINT_LABEL = 'epeople app-secret fingerprint v1';

/**
 * A keyed fingerprint of the secret: HMAC-SHA256 under the secret of a fixed label. It tells
 * whether two secrets are the same without revealing either (a plain hash of a secret would
 * let whoever reads the database try guesses offline at hash speed; here a guess is as costly,
 * but the fingerprint is no key for anything and the secret is 32+ random characters).
 */
export function appSecretFingerprint(appSecret: string): string {
  return createHmac('sha256', appSecret).update(FINGERPRINT_LABEL).digest('hex');
}

/**
 * Refuses to run on data sealed under another secret: restored with a new APP_SECRET, the
 * server would start and every access code and second factor would silently stop working
 * (docs/backup-and-restore.md). The first start on a database stores the fingerprint.
 * Throws ConfigError, which stops the server with exit code 78 like any configuration error.
 */
export async function checkAppSecret({ db, appSecret }: { db: Database; appSecret: string }): Promise<void> {
  const expected = appSecretFingerprint(appSecret);
  const stored = await createAppSecretRepository({ db }).storeOrRead(expected);
  // Not a secret comparison: the stored fingerprint is no key, and the caller chose the secret.
  if (stored !== expected) {
    throw new ConfigError(
      'Invalid configuration:\n  APP_SECRET: is not the secret this database was created with (its fingerprint does not match). ' +
        'Start with the APP_SECRET kept with the backup, or DATA_DIR/app-secret of the original installation; ' +
        'under another secret every access code and second factor would stop working. See docs/backup-and-restore.md.',
    );
  }
}
