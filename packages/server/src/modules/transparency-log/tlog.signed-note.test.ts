import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatVerifierKey,
  noteKeyId,
  openNote,
  parseNote,
  parseVerifierKey,
  rawEd25519PublicKey,
  SignedNoteError,
  signNote,
} from './tlog.signed-note.ts';

// golang.org/x/mod/sumdb/note's test key: PRIVATE+KEY+PeterNeumann+c74f20a3+base64(0x01 ‖ seed).
const PETER_SEED = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
const PETER_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIGNED = `${PETER_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

function peterKeys() {
  // PKCS#8 for an Ed25519 seed: a fixed 16-byte header, then the 32-byte seed.
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), PETER_SEED]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

describe('C2SP signed notes (Ed25519)', () => {
  it('makes the verifier key and the exact signature Go’s note package makes', () => {
    const { privateKey, publicKey } = peterKeys();
    expect(formatVerifierKey('PeterNeumann', publicKey)).toBe(PETER_VERIFIER);
    expect(noteKeyId('PeterNeumann', rawEd25519PublicKey(publicKey)).toString(16)).toBe('c74f20a3');
    expect(signNote(PETER_TEXT, 'PeterNeumann', privateKey, publicKey)).toBe(PETER_SIGNED);
  });

  it('opens a note signed by the verifier, beside signatures by others', () => {
    const verifier = parseVerifierKey(PETER_VERIFIER);
    expect(openNote(PETER_SIGNED, verifier)).toBe(PETER_TEXT);
    const other = generateKeyPairSync('ed25519');
    const cosigned = signNote(PETER_TEXT, 'witness.example', other.privateKey, other.publicKey);
    const both = PETER_SIGNED + cosigned.slice(PETER_TEXT.length + 1);
    expect(parseNote(both).signatures.map((s) => s.name)).toEqual(['PeterNeumann', 'witness.example']);
    expect(openNote(both, verifier)).toBe(PETER_TEXT);
  });

  it('refuses a changed text, a changed signature, another key and malformed notes', () => {
    const verifier = parseVerifierKey(PETER_VERIFIER);
    expect(() => openNote(PETER_SIGNED.replace('answer', 'answers'), verifier)).toThrow(SignedNoteError);
    expect(() => openNote(PETER_SIGNED.replace('x08go', 'x08gp'), verifier)).toThrow(SignedNoteError);
    const stranger = generateKeyPairSync('ed25519');
    const strangerVerifier = parseVerifierKey(formatVerifierKey('PeterNeumann', stranger.publicKey));
    expect(() => openNote(PETER_SIGNED, strangerVerifier)).toThrow(/not signed by/);
    for (const malformed of [PETER_TEXT, `${PETER_SIGNED}extra`, PETER_SIGNED.replace('— ', '- '), '']) {
      expect(() => openNote(malformed, verifier)).toThrow(SignedNoteError);
    }
  });

  it('refuses every mangling of a verifier key', () => {
    expect(parseVerifierKey(PETER_VERIFIER).name).toBe('PeterNeumann');
    const bytes = [...PETER_VERIFIER];
    for (let i = 0; i < bytes.length; i++) {
      const changed = [...bytes];
      changed[i] = String.fromCharCode((changed[i] as string).charCodeAt(0) + 1);
      expect(() => parseVerifierKey(changed.join(''))).toThrow(SignedNoteError);
    }
    for (let cut = 1; cut < PETER_VERIFIER.length; cut++) {
      expect(() => parseVerifierKey(PETER_VERIFIER.slice(0, cut))).toThrow(SignedNoteError);
    }
    expect(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow();
  });

  it('refuses to sign a text that is not a note text or a name that is not a key name', () => {
    const { privateKey, publicKey } = peterKeys();
    expect(() => signNote('no newline', 'PeterNeumann', privateKey, publicKey)).toThrow(SignedNoteError);
    expect(() => signNote('a\n\nb\n', 'PeterNeumann', privateKey, publicKey)).toThrow(SignedNoteError);
    expect(() => signNote('tab\there\n', 'PeterNeumann', privateKey, publicKey)).toThrow(SignedNoteError);
    expect(() => signNote(PETER_TEXT, 'a+b', privateKey, publicKey)).toThrow(SignedNoteError);
    expect(() => signNote(PETER_TEXT, 'a b', privateKey, publicKey)).toThrow(SignedNoteError);
  });
});
