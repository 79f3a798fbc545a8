import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { formatVerifierKey, type NoteVerifier, parseVerifierKey } from './tlog.signed-note.ts';

/**
 * The log's Ed25519 key and identity. The origin (the checkpoint's first line) is also the key's
 * name in signed notes: `LOG_ORIGIN`, by default the host and path of PUBLIC_URL followed by
 * `/log`, the prefix the tiles are served under (C2SP: the URL prefix without its scheme).
 */
export interface LogKey {
  origin: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** `<origin>+<key id>+<base64 key>`, as `GET /log/verifier-key` serves it. */
  verifierKey: string;
  verifier: NoteVerifier;
}

export type LogKeyConfig = Pick<
  Config,
  'LOG_ORIGIN' | 'LOG_PRIVATE_KEY_FILE' | 'PUBLIC_URL' | 'DATA_DIR' | 'isProduction'
>;

export function logOriginOf(config: Pick<Config, 'LOG_ORIGIN' | 'PUBLIC_URL'>): string {
  if (config.LOG_ORIGIN) return config.LOG_ORIGIN;
  const url = new URL(config.PUBLIC_URL);
  return `${url.host}${url.pathname.replace(/\/+$/, '')}/log`;
}

/** Where a development log key is kept between starts. */
export const developmentLogKeyPath = (dataDir: string) => join(dataDir, 'keys', 'log-ed25519.pem');

const keys = new WeakMap<object, Promise<LogKey>>();

/** The log key of this configuration, loaded (or, in development, made) once per process. */
export function loadLogKey(config: LogKeyConfig): Promise<LogKey> {
  let key = keys.get(config);
  if (!key) {
    key = readOrCreateKey(config);
    keys.set(config, key);
    key.catch(() => keys.delete(config));
  }
  return key;
}

async function readOrCreateKey(config: LogKeyConfig): Promise<LogKey> {
  const origin = logOriginOf(config);
  let pem: string;
  if (config.LOG_PRIVATE_KEY_FILE) {
    pem = await readFile(config.LOG_PRIVATE_KEY_FILE, 'utf8');
  } else if (config.isProduction) {
    // The configuration refuses this already; keep the rule here too, where the key is made.
    throw new Error('LOG_PRIVATE_KEY_FILE is required in production');
  } else {
    pem = await readOrCreateDevelopmentKey(developmentLogKeyPath(config.DATA_DIR));
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`the transparency log key must be Ed25519, not ${privateKey.asymmetricKeyType}`);
  }
  const publicKey = createPublicKey(privateKey);
  const verifierKey = formatVerifierKey(origin, publicKey);
  return { origin, privateKey, publicKey, verifierKey, verifier: parseVerifierKey(verifierKey) };
}

async function readOrCreateDevelopmentKey(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  try {
    // `wx`: if another process made the key first, keep theirs.
    await writeFile(path, pem, { mode: 0o600, flag: 'wx' });
    return pem;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFile(path, 'utf8');
    throw error;
  }
}
