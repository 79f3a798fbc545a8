/**
 * PKCS#11 tokens (and WebCrypto) return ECDSA signatures as raw r‖s, each half the size of the
 * curve; CMS and PDF need the DER form SEQUENCE { INTEGER r, INTEGER s }.
 */
export function rawEcdsaSignatureToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new Error(`not a raw ECDSA signature (${raw.length} bytes)`);
  const half = raw.length / 2;
  const body = [...derInteger(raw.subarray(0, half)), ...derInteger(raw.subarray(half))];
  return new Uint8Array([0x30, ...derLength(body.length), ...body]);
}

function derInteger(unsigned: Uint8Array): number[] {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const bytes = [...unsigned.subarray(start)];
  // A set high bit would read as negative: DER prefixes a zero byte.
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return [0x02, ...derLength(bytes.length), ...bytes];
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return [0x80 | bytes.length, ...bytes];
}
