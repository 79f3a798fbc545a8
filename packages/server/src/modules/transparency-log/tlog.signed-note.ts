import { createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { sha256 } from './tlog.merkle.ts';

/**
 * C2SP signed-note with Ed25519 keys (signature type 0x01): the text, an empty line, and one
 * line `— <name> base64(key id ‖ signature)` per signature. The key id is the first four bytes
 * of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key); a verifier key is
 * `<name>+<key id as 8 hex digits>+base64(0x01 ‖ public key)`.
 */
const ED25519_TYPE = 0x01;
const SIGNATURE_PREFIX = '\u2014 ';
const MAX_SIGNATURES = 100;

export class SignedNoteError extends Error {
  override name = 'SignedNoteError';
}

export interface NoteVerifier {
  name: string;
  keyId: number;
  publicKey: KeyObject;
}

/** A key name: non-empty, no whitespace, no `+`. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

export function rawEd25519PublicKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || !jwk.x) throw new SignedNoteError('not an Ed25519 key');
  return new Uint8Array(Buffer.from(jwk.x, 'base64url'));
}

export function noteKeyId(name: string, rawPublicKey: Uint8Array): number {
  const hash = sha256(new TextEncoder().encode(`${name}\n`), new Uint8Array([ED25519_TYPE]), rawPublicKey);
  return new DataView(hash.buffer, hash.byteOffset).getUint32(0);
}

const hex8 = (keyId: number) => keyId.toString(16).padStart(8, '0');

export function formatVerifierKey(name: string, publicKey: KeyObject): string {
  if (!isValidKeyName(name)) throw new SignedNoteError(`invalid key name ${JSON.stringify(name)}`);
  const raw = rawEd25519PublicKey(publicKey);
  const typed = Buffer.concat([Buffer.from([ED25519_TYPE]), raw]);
  return `${name}+${hex8(noteKeyId(name, raw))}+${typed.toString('base64')}`;
}

export function parseVerifierKey(text: string): NoteVerifier {
  // The name has no `+` and the id is hex: the first two `+` split it (base64 may hold more).
  const match = /^([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(text.trim());
  const [, name, idText, keyText] = match ?? [];
  if (!name || !idText || !keyText || !isValidKeyName(name)) {
    throw new SignedNoteError('malformed verifier key');
  }
  const typed = strictBase64(keyText);
  if (typed?.length !== 33 || typed[0] !== ED25519_TYPE) {
    throw new SignedNoteError('the verifier key is not an Ed25519 key');
  }
  const raw = typed.subarray(1);
  const keyId = noteKeyId(name, raw);
  if (hex8(keyId) !== idText) throw new SignedNoteError('the verifier key id does not match its key');
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  });
  return { name, keyId, publicKey };
}

/** Base64 (RFC 4648 §4, padded) decoded, or null if the text is not exactly that. */
export function strictBase64(text: string): Uint8Array | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** Text a note may carry: ends with a newline, no control characters but newlines, no empty line. */
function assertNoteText(text: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters
  if (!text.endsWith('\n') || /[\u0000-\u0009\u000b-\u001f\u007f]/.test(text) || text.includes('\n\n')) {
    throw new SignedNoteError('malformed note text');
  }
}

/** Signs `text` (ending in a newline) as `name` with an Ed25519 private key. */
export function signNote(text: string, name: string, privateKey: KeyObject, publicKey: KeyObject): string {
  assertNoteText(text);
  if (!isValidKeyName(name)) throw new SignedNoteError(`invalid key name ${JSON.stringify(name)}`);
  const signature = sign(null, Buffer.from(text, 'utf8'), privateKey);
  const id = Buffer.alloc(4);
  id.writeUInt32BE(noteKeyId(name, rawEd25519PublicKey(publicKey)));
  return `${text}\n${SIGNATURE_PREFIX}${name} ${Buffer.concat([id, signature]).toString('base64')}\n`;
}

export interface ParsedNote {
  text: string;
  signatures: Array<{ name: string; keyId: number; signature: Uint8Array }>;
}

/** Splits a signed note into its text and signature lines (checks the form, not signatures). */
export function parseNote(note: string): ParsedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new SignedNoteError('a signed note has an empty line before its signatures');
  const text = note.slice(0, split + 1);
  assertNoteText(text);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) throw new SignedNoteError('a signed note ends with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new SignedNoteError('too many signatures');
  const signatures = lines.map((line) => {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw new SignedNoteError('malformed signature line');
    const [name, encoded, ...rest] = line.slice(SIGNATURE_PREFIX.length).split(' ');
    const bytes = encoded ? strictBase64(encoded) : null;
    if (!name || !isValidKeyName(name) || rest.length > 0 || !bytes || bytes.length < 5) {
      throw new SignedNoteError('malformed signature line');
    }
    const keyId = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
    return { name, keyId, signature: bytes.subarray(4) };
  });
  return { text, signatures };
}

/**
 * The note's text if it carries a valid signature by `verifier`; throws SignedNoteError when
 * it is malformed or that signature is missing or wrong.
 */
export function openNote(note: string, verifier: NoteVerifier): string {
  const { text, signatures } = parseNote(note);
  const mine = signatures.filter((entry) => entry.name === verifier.name && entry.keyId === verifier.keyId);
  if (mine.length === 0) throw new SignedNoteError(`the note is not signed by ${verifier.name}`);
  const message = Buffer.from(text, 'utf8');
  for (const entry of mine) {
    if (entry.signature.length !== 64 || !verify(null, message, verifier.publicKey, entry.signature)) {
      throw new SignedNoteError(`the signature by ${verifier.name} does not verify`);
    }
  }
  return text;
}
