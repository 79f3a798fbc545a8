/**
 * PEM armour: the text form keys and certificates take on disk. Kept tiny and strict so a file
 * holding something else (a PKCS#12 by mistake, an encrypted key) fails with a clear message.
 */
const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

export function decodePemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const [, label = '', body = ''] = match;
    blocks.push({ label, der: new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64')) });
  }
  return blocks;
}

export function encodePem(label: string, der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
