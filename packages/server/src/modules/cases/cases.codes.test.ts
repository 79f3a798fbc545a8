import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import {
  CROCKFORD,
  formatReference,
  hashAccessCode,
  newAccessCode,
  normaliseAccessCode,
  parseReference,
  seal,
  unseal,
} from './cases.codes.ts';

const config = loadConfig({ NODE_ENV: 'test', APP_SECRET: randomBytes(32).toString('base64url') });

describe('reference numbers', () => {
  it('say the type and the year, with a six-digit sequence and a check character', () => {
    expect(formatReference('petition', 2026, 4213)).toMatch(/^PET-2026-004213-[0-9A-HJKMNP-TV-Z]$/);
    expect(formatReference('notice', 2027, 1_234_567)).toMatch(/^NOT-2027-1234567-.$/);
  });

  it('read back what a person types: any case, spaces or missing dashes, O for 0', () => {
    const reference = formatReference('guidance', 2026, 42);
    const { reference: parsed, type } = parseReference(` ${reference.toLowerCase().replaceAll('-', ' ')} `) ?? {};
    expect(parsed).toBe(reference);
    expect(type).toBe('guidance');
    expect(parseReference(reference.replace('GUI-2026-0', 'GUI-2026-O'))?.reference).toBe(reference);
  });

  it('catch every single-character typo in the year, the sequence or the check character', () => {
    for (const sequence of [1, 4213, 999_999]) {
      const reference = formatReference('petition', 2026, sequence);
      for (let index = 4; index < reference.length; index += 1) {
        if (reference[index] === '-') continue;
        const alphabet = index < reference.length - 1 ? '0123456789' : CROCKFORD;
        for (const replacement of alphabet) {
          if (replacement === reference[index]) continue;
          const typo = `${reference.slice(0, index)}${replacement}${reference.slice(index + 1)}`;
          expect(parseReference(typo), typo).toBeNull();
        }
      }
    }
  });

  it('catch most swaps of neighbouring digits', () => {
    let caught = 0;
    let swaps = 0;
    for (let sequence = 1; sequence < 2000; sequence += 7) {
      const reference = formatReference('suggestion', 2026, sequence);
      const digits = reference.slice(4, -2).replace('-', '');
      for (let index = 0; index + 1 < digits.length; index += 1) {
        if (digits[index] === digits[index + 1]) continue;
        const swapped = `${digits.slice(0, index)}${digits[index + 1]}${digits[index]}${digits.slice(index + 2)}`;
        swaps += 1;
        if (!parseReference(`SUG-${swapped.slice(0, 4)}-${swapped.slice(4)}-${reference.at(-1)}`)) caught += 1;
      }
    }
    expect(caught / swaps).toBeGreaterThan(0.9);
  });

  it('refuse unknown type codes and shapes', () => {
    expect(parseReference('XYZ-2026-000001-0')).toBeNull();
    expect(parseReference('PET-26-1-0')).toBeNull();
    expect(parseReference('')).toBeNull();
  });
});

describe('access codes', () => {
  it('are 16 Crockford characters in four groups, different each time', () => {
    const codes = new Set(Array.from({ length: 200 }, newAccessCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it('hash the same however they are typed, and differently for another reference', () => {
    const code = newAccessCode();
    const typed = normaliseAccessCode(code.toLowerCase().replaceAll('-', ' ')) as string;
    expect(hashAccessCode(config, 'PET-2026-000001-X', typed)).toBe(
      hashAccessCode(config, 'PET-2026-000001-X', normaliseAccessCode(code) as string),
    );
    expect(hashAccessCode(config, 'PET-2026-000002-X', typed)).not.toBe(
      hashAccessCode(config, 'PET-2026-000001-X', typed),
    );
    expect(normaliseAccessCode('too-short')).toBeNull();
  });
});

describe('sealed values', () => {
  it('open only with the same purpose and secret, and differ each time', () => {
    const first = seal(config, 'identity', '{"name":"Nour"}');
    expect(first).not.toContain('Nour');
    expect(seal(config, 'identity', '{"name":"Nour"}')).not.toBe(first);
    expect(unseal(config, 'identity', first)).toBe('{"name":"Nour"}');
    expect(() => unseal(config, 'access-code', first)).toThrow();
    const otherConfig = loadConfig({ NODE_ENV: 'test', APP_SECRET: randomBytes(32).toString('base64url') });
    expect(() => unseal(otherConfig, 'identity', first)).toThrow();
  });
});
