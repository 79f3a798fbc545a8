import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rawEcdsaSignatureToDer } from './ecdsa-der.ts';

describe('raw ECDSA signature to DER', () => {
  it.each(['prime256v1', 'secp384r1', 'secp521r1'])('gives signatures node:crypto verifies (%s)', (namedCurve) => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
    // Many signatures, so that halves with a high bit set and with leading zeros both occur.
    for (let i = 0; i < 200; i++) {
      const data = Buffer.from(`message ${i}`);
      const raw = sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
      const der = rawEcdsaSignatureToDer(raw);
      // OpenSSL re-encodes the signature it parses and rejects one that is not minimal DER.
      expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
    }
  });

  it('refuses input that cannot be r‖s', () => {
    expect(() => rawEcdsaSignatureToDer(new Uint8Array(63))).toThrow(/raw ECDSA/);
  });
});
