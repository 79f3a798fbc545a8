import { createHash, type createPublicKey, verify, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pkcs11js from 'pkcs11js';
import { selectSignerCertificates } from './certificate-chain.ts';
import { rawEcdsaSignatureToDer } from './ecdsa-der.ts';
import { decodePemBlocks } from './pem.ts';
import type { Signer, SignerKeyType } from './signer.ts';

/**
 * Signs with a key that never leaves a PKCS#11 token or HSM (the national CA's certificates must
 * stay on one). The key is found by its label; its certificate on the token by the key's CKA_ID
 * (or the same label), the issuers among the token's other certificates and, when the token
 * holds no chain, in an optional PEM file.
 */
export interface Pkcs11Options {
  modulePath: string;
  tokenLabel: string;
  pin: string;
  keyLabel: string;
  /** PEM certificates to add to those on the token (the signing certificate and/or its issuers). */
  certificateFile?: string;
}

export interface Pkcs11Signing {
  signer: Signer;
  /** Logs out and unloads the module (at shutdown). */
  close(): void;
}

type Handle = Buffer;

export async function openPkcs11Signer(options: Pkcs11Options): Promise<Pkcs11Signing> {
  const extraCertificates = options.certificateFile ? await readPemCertificates(options.certificateFile) : [];
  const module = acquireModule(options.modulePath);
  try {
    const slot = findSlot(module.pkcs11, options.tokenLabel);
    let session = openSession(module.pkcs11, slot, options.pin);
    const key = describeKey(module.pkcs11, session, options.keyLabel);
    const tokenCertificates = findAll(module.pkcs11, session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    ]).map((handle) => ({
      id: attribute(module.pkcs11, session, handle, pkcs11js.CKA_ID),
      label: attribute(module.pkcs11, session, handle, pkcs11js.CKA_LABEL).toString('utf8'),
      der: new Uint8Array(attribute(module.pkcs11, session, handle, pkcs11js.CKA_VALUE)),
    }));
    const own =
      tokenCertificates.find((certificate) => certificate.id.length > 0 && certificate.id.equals(key.id)) ??
      tokenCertificates.find((certificate) => certificate.label === options.keyLabel);
    const candidates = [...tokenCertificates.map((certificate) => certificate.der), ...extraCertificates];
    const publicKey = own ? new X509Certificate(own.der).publicKey : publicKeyFromCandidates(candidates, key.type);
    const { certificate, certificateChain } = selectSignerCertificates(publicKey, candidates);

    // PKCS#11 sessions run one operation at a time: signatures queue behind each other.
    let queue: Promise<unknown> = Promise.resolve();
    let keyHandle = findKeyHandle(module.pkcs11, session, options.keyLabel);
    const signOnce = async (data: Uint8Array): Promise<Uint8Array> => {
      try {
        return await signWithToken(module.pkcs11, session, keyHandle, key.type, data);
      } catch (error) {
        if (!isLostSession(error)) throw error;
        // The token was reset or the HSM connection dropped: log in again once and retry.
        session = openSession(module.pkcs11, slot, options.pin);
        keyHandle = findKeyHandle(module.pkcs11, session, options.keyLabel);
        return await signWithToken(module.pkcs11, session, keyHandle, key.type, data);
      }
    };
    const signer: Signer = {
      certificate,
      certificateChain,
      keyType: key.type,
      signatureAlgorithm: key.type === 'EC' ? 'ECDSA' : 'RSASSA-PKCS1-v1_5',
      sign(data, algorithm) {
        if (algorithm !== 'SHA-256') return Promise.reject(new Error(`unsupported digest ${String(algorithm)}`));
        const result = queue.then(() => signOnce(data));
        queue = result.catch(() => {});
        return result;
      },
    };
    await assertTokenKeyMatches(signer);
    return {
      signer,
      close() {
        try {
          module.pkcs11.C_CloseSession(session);
        } finally {
          module.release();
        }
      },
    };
  } catch (error) {
    module.release();
    throw error;
  }
}

async function signWithToken(
  pkcs11: pkcs11js.PKCS11,
  session: Handle,
  key: Handle,
  keyType: SignerKeyType,
  data: Uint8Array,
): Promise<Uint8Array> {
  if (keyType === 'EC') {
    // CKM_ECDSA signs a digest the caller computed and answers raw r‖s.
    pkcs11.C_SignInit(session, { mechanism: pkcs11js.CKM_ECDSA }, key);
    const digest = createHash('sha256').update(data).digest();
    const raw = await pkcs11.C_SignAsync(session, digest, Buffer.alloc(256));
    return rawEcdsaSignatureToDer(raw);
  }
  pkcs11.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
  return new Uint8Array(await pkcs11.C_SignAsync(session, Buffer.from(data), Buffer.alloc(1024)));
}

/** A wrong key label pairing another certificate would only show when a citizen's verification fails: fail at start instead. */
async function assertTokenKeyMatches(signer: Signer): Promise<void> {
  const probe = Buffer.from('ePeople PKCS#11 start-up check');
  const signature = await signer.sign(probe, 'SHA-256');
  const publicKey = new X509Certificate(signer.certificate).publicKey;
  if (!verify('sha256', probe, { key: publicKey, dsaEncoding: 'der' }, signature)) {
    throw new Error('the PKCS#11 key does not match the signing certificate found for it');
  }
}

function publicKeyFromCandidates(candidates: Uint8Array[], keyType: SignerKeyType): ReturnType<typeof createPublicKey> {
  // Without a certificate linked by id or label, the only safe guess is a single end-entity certificate.
  const endEntities = candidates
    .map((der) => new X509Certificate(der))
    .filter(
      (certificate) => !certificate.ca && (certificate.publicKey.asymmetricKeyType === 'ec') === (keyType === 'EC'),
    );
  const [only, ...others] = endEntities;
  if (!only || others.length > 0) {
    throw new Error("cannot tell which certificate belongs to the PKCS#11 key: give it the key's CKA_ID or label");
  }
  return only.publicKey;
}

function findSlot(pkcs11: pkcs11js.PKCS11, tokenLabel: string): Handle {
  const labels: string[] = [];
  for (const slot of pkcs11.C_GetSlotList(true)) {
    const label = pkcs11.C_GetTokenInfo(slot).label.trim();
    if (label === tokenLabel) return slot;
    labels.push(label);
  }
  throw new Error(
    `no PKCS#11 token labelled ${JSON.stringify(tokenLabel)} (present: ${labels.map((l) => JSON.stringify(l)).join(', ') || 'none'})`,
  );
}

function openSession(pkcs11: pkcs11js.PKCS11, slot: Handle, pin: string): Handle {
  const session = pkcs11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  try {
    pkcs11.C_Login(session, pkcs11js.CKU_USER, pin);
  } catch (error) {
    // Login state belongs to the token and the process: a second session is already logged in.
    if (!hasReturnValue(error, 'CKR_USER_ALREADY_LOGGED_IN')) {
      pkcs11.C_CloseSession(session);
      throw new Error(`PKCS#11 login refused: ${(error as Error).message}`);
    }
  }
  return session;
}

function describeKey(pkcs11: pkcs11js.PKCS11, session: Handle, keyLabel: string): { id: Buffer; type: SignerKeyType } {
  const handle = findKeyHandle(pkcs11, session, keyLabel);
  const keyType = attribute(pkcs11, session, handle, pkcs11js.CKA_KEY_TYPE).readUIntLE(0, 4);
  const id = attribute(pkcs11, session, handle, pkcs11js.CKA_ID);
  if (keyType === pkcs11js.CKK_EC) return { id, type: 'EC' };
  if (keyType === pkcs11js.CKK_RSA) return { id, type: 'RSA' };
  throw new Error(`the PKCS#11 key ${JSON.stringify(keyLabel)} is neither EC nor RSA`);
}

function findKeyHandle(pkcs11: pkcs11js.PKCS11, session: Handle, keyLabel: string): Handle {
  const keys = findAll(pkcs11, session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
    { type: pkcs11js.CKA_LABEL, value: keyLabel },
  ]);
  const [only, ...others] = keys;
  if (!only) throw new Error(`no private key labelled ${JSON.stringify(keyLabel)} on the PKCS#11 token`);
  if (others.length > 0) throw new Error(`${keys.length} private keys are labelled ${JSON.stringify(keyLabel)}`);
  return only;
}

function findAll(pkcs11: pkcs11js.PKCS11, session: Handle, template: pkcs11js.Template): Handle[] {
  pkcs11.C_FindObjectsInit(session, template);
  try {
    const found: Handle[] = [];
    for (let batch = pkcs11.C_FindObjects(session, 64); batch.length > 0; batch = pkcs11.C_FindObjects(session, 64)) {
      found.push(...batch);
    }
    return found;
  } finally {
    pkcs11.C_FindObjectsFinal(session);
  }
}

function attribute(pkcs11: pkcs11js.PKCS11, session: Handle, handle: Handle, type: number): Buffer {
  const [result] = pkcs11.C_GetAttributeValue(session, handle, [{ type }]);
  const value = result?.value;
  return Buffer.isBuffer(value) ? value : Buffer.alloc(0);
}

async function readPemCertificates(path: string): Promise<Uint8Array[]> {
  return decodePemBlocks(await readFile(path, 'utf8'))
    .filter((block) => block.label === 'CERTIFICATE')
    .map((block) => block.der);
}

function isLostSession(error: unknown): boolean {
  return ['CKR_SESSION_HANDLE_INVALID', 'CKR_SESSION_CLOSED', 'CKR_USER_NOT_LOGGED_IN', 'CKR_DEVICE_REMOVED'].some(
    (code) => hasReturnValue(error, code),
  );
}

function hasReturnValue(error: unknown, code: string): boolean {
  return error instanceof Error && error.message.includes(code);
}

/**
 * A PKCS#11 library is initialised once per process: opening the same module twice (two
 * configurations, tests) shares it and finalises it when the last user closes.
 */
interface LoadedModule {
  pkcs11: pkcs11js.PKCS11;
  users: number;
}
const loadedModules = new Map<string, LoadedModule>();

function acquireModule(modulePath: string): { pkcs11: pkcs11js.PKCS11; release(): void } {
  let loaded = loadedModules.get(modulePath);
  if (!loaded) {
    const pkcs11 = new pkcs11js.PKCS11();
    pkcs11.load(modulePath);
    pkcs11.C_Initialize();
    loaded = { pkcs11, users: 0 };
    loadedModules.set(modulePath, loaded);
  }
  loaded.users++;
  const current = loaded;
  let released = false;
  return {
    pkcs11: current.pkcs11,
    release() {
      if (released) return;
      released = true;
      current.users--;
      if (current.users === 0) {
        loadedModules.delete(modulePath);
        current.pkcs11.C_Finalize();
        current.pkcs11.close();
      }
    },
  };
}
