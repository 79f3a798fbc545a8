import { generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openDevelopmentSigning } from '../src/signing/dev-ca.ts';

/**
 * Production refuses to start without configured keys: a production-mode test or bench server
 * gets fresh ones in `dir`, as an operator would configure them (a log key file, and a signing
 * key file with its certificate chain, made here by the development CA, which production itself
 * never uses). Answers the environment variables naming them.
 */
export async function writeProductionKeyFiles(dir: string): Promise<Record<string, string>> {
  const logKeyFile = join(dir, 'log-ed25519.pem');
  const { privateKey } = generateKeyPairSync('ed25519');
  await writeFile(logKeyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  const signingDir = join(dir, 'production-signing');
  await openDevelopmentSigning(signingDir).then((development) =>
    development.signerFor({ code: 'production-test', name: 'Production test' }),
  );
  const keys = join(signingDir, 'keys');
  const signingCertFile = join(dir, 'signing-chain.pem');
  const chain = await Promise.all(
    ['dev-unit-production-test.pem', 'dev-root-ca.cert.pem'].map((file) => readFile(join(keys, file), 'utf8')),
  );
  await writeFile(signingCertFile, chain.join(''));
  return {
    LOG_PRIVATE_KEY_FILE: logKeyFile,
    SIGNING_KEY_FILE: join(keys, 'dev-unit-production-test.pem'),
    SIGNING_CERT_FILE: signingCertFile,
  };
}
