import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../../test/openssl.ts';
import type { Letter } from './letter.ts';

/** The sentence the issue asks for: Arabic with a case number, a French name and a date. */
export const MIXED_ARABIC_SENTENCE = "رقم الملف 2026-0042 حسب قرار Ministère de l'Intérieur المؤرخ في 12 مارس";

export function arabicLetter(overrides: Partial<Letter> = {}): Letter {
  return {
    language: 'ar',
    unit: { name: 'الإدارة العامة للشؤون الجهوية', parentName: 'وزارة الداخلية' },
    reference: '2026-0042',
    filedAt: new Date('2026-03-02T09:00:00Z'),
    answeredAt: new Date('2026-03-20T10:30:00Z'),
    citizenName: 'أمينة بن علي',
    title: 'طلب إصلاح الطريق الرابط بين القرية والمدرسة',
    outcome: 'upheld',
    answerText: `${MIXED_ARABIC_SENTENCE}\n\nوبعد دراسة مطلبكم تقرر برمجة الأشغال خلال الثلاثية الثانية بكلفة 150000 دينار`,
    signer: { name: 'محمد الصالح', roleLabel: 'المدير العام' },
    verificationUrl: 'https://epeople.example.tn/verify/0b6f3c1e-2a4d-4e8f-9c77-5d1a2b3c4d5e',
    isTest: false,
    ...overrides,
  };
}

export function frenchLetter(overrides: Partial<Letter> = {}): Letter {
  return {
    language: 'fr',
    unit: { name: 'Direction générale des affaires régionales', parentName: 'Ministère de l’Intérieur' },
    reference: '2026-0042',
    filedAt: new Date('2026-03-02T09:00:00Z'),
    answeredAt: new Date('2026-03-20T10:30:00Z'),
    citizenName: 'Amina Ben Ali',
    title: 'Réfection de la route de l’école',
    outcome: 'partly_upheld',
    answerText:
      'Suite à votre demande n° 2026-0042, les travaux de la route sont programmés au deuxième trimestre.\nLe budget retenu est de 150000 dinars.',
    signer: { name: 'Mohamed Salah', roleLabel: 'Directeur général' },
    verificationUrl: 'https://epeople.example.tn/verify/0b6f3c1e-2a4d-4e8f-9c77-5d1a2b3c4d5e',
    isTest: false,
    ...overrides,
  };
}

/** Runs a poppler tool on the PDF written to a temporary file; throws with its output when it fails. */
export async function withPdfFile<T>(pdf: Uint8Array, use: (path: string) => T): Promise<T> {
  const directory = await mkdtemp(join(tmpdir(), 'epeople-letter-'));
  try {
    const path = join(directory, 'letter.pdf');
    await writeFile(path, pdf);
    return use(path);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

export function poppler(command: string, args: string[]): string {
  const result = runTool(command, args);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

export const pdfText = (pdf: Uint8Array) =>
  withPdfFile(pdf, (path) => poppler('pdftotext', ['-enc', 'UTF-8', path, '-']));

/**
 * Text compared without what a PDF cannot keep or poppler adds: bidi marks, Arabic vowel
 * signs and tatweel, and all spacing (poppler splits Arabic words where glyphs kern apart).
 * The order of every remaining letter and digit is still checked.
 */
export function normalised(text: string): string {
  return text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u064b-\u065f\u0670\u0640\s]/g, '');
}
