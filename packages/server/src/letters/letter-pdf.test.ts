import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderLetterPdf } from './letter-pdf.ts';
import { TEST_MARK_LINES } from './letter-strings.ts';
import {
  arabicLetter,
  frenchLetter,
  MIXED_ARABIC_SENTENCE,
  normalised,
  pdfText,
  poppler,
  withPdfFile,
} from './letters.test-helpers.ts';

/** Share of dark pixels on page 1, rendered in grey at 50 dpi by pdftoppm. */
async function darkShareOfFirstPage(pdf: Uint8Array): Promise<number> {
  return withPdfFile(pdf, async (path) => {
    const prefix = join(path, '..', 'page');
    poppler('pdftoppm', ['-r', '50', '-gray', '-f', '1', '-l', '1', '-singlefile', path, prefix]);
    const image = await readFile(`${prefix}.pgm`);
    // Binary PGM: "P5\n<width> <height>\n<max>\n" then one byte a pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(image.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('pdftoppm did not write a binary PGM');
    const pixels = image.subarray(header[0].length);
    let dark = 0;
    for (const value of pixels) if (value < 128) dark++;
    return dark / pixels.length;
  });
}

/** Rows (from the top, in points) of page `page` that hold a clearly red pixel, rendered at 50 dpi. */
async function rowsWithRed(pdf: Uint8Array, page: number): Promise<number[]> {
  return withPdfFile(pdf, async (path) => {
    const prefix = join(path, '..', 'page');
    poppler('pdftoppm', ['-r', '50', '-f', String(page), '-l', String(page), '-singlefile', path, prefix]);
    const image = await readFile(`${prefix}.ppm`);
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(image.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('pdftoppm did not write a binary PPM');
    const width = Number(header[1]);
    const pixels = image.subarray(header[0].length);
    const rows = new Set<number>();
    for (let i = 0; i + 2 < pixels.length; i += 3) {
      const [red, green, blue] = [pixels[i] as number, pixels[i + 1] as number, pixels[i + 2] as number];
      if (red > 150 && green < 100 && blue < 100) rows.add(Math.floor(i / 3 / width));
    }
    return [...rows].map((row) => (row * 72) / 50);
  });
}

const pageCount = (pdf: Uint8Array) =>
  withPdfFile(pdf, (path) => Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [path]))?.[1]));

describe('answer letter PDF', () => {
  it('lays Arabic out so that pdftotext reads it back in logical order, numbers and French words in place', async () => {
    const text = normalised(await pdfText(await renderLetterPdf(arabicLetter())));
    expect(text).toContain(normalised(MIXED_ARABIC_SENTENCE));
    expect(text).toContain(normalised('بكلفة 150000 دينار'));
    expect(text).toContain(normalised('المرجع'));
    expect(text).toContain('2026-0042');
    expect(text).not.toContain('0042-2026');
    expect(text).not.toContain('0024'); // no digits reversed anywhere
    expect(text).toContain(normalised('الجمهورية التونسية'));
    expect(text).toContain(normalised('أمينة بن علي'));
  });

  it('writes a French letter left to right, with its labels and the outcome in French', async () => {
    const text = await pdfText(await renderLetterPdf(frenchLetter()));
    expect(normalised(text)).toContain(
      normalised('Suite à votre demande n° 2026-0042, les travaux de la route sont programmés'),
    );
    for (const expected of [
      'République tunisienne',
      'Référence: 2026-0042',
      'Objet: Réfection',
      'Partiellement fondée',
    ]) {
      expect(normalised(text)).toContain(normalised(expected));
    }
    expect(text).toContain('À Amina Ben Ali');
    expect(text).toContain('https://epeople.example.tn/verify/0b6f3c1e-2a4d-4e8f-9c77-5d1a2b3c4d5e');
  });

  it('draws a page that is not blank', async () => {
    const share = await darkShareOfFirstPage(await renderLetterPdf(arabicLetter()));
    // Text, rules and the QR code: a few percent of the page; a blank page is 0.
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.3);
  });

  it('flows a long answer onto further pages, numbered, with nothing lost', async () => {
    const paragraphs = Array.from(
      { length: 40 },
      (_, i) =>
        `الفقرة رقم ${i + 1} وبعد دراسة مطلبكم تقرر برمجة الأشغال خلال الثلاثية الثانية بكلفة ${1000 + i} دينار حسب قرار Ministère de l'Intérieur`,
    );
    const pdf = await renderLetterPdf(arabicLetter({ answerText: paragraphs.join('\n') }));
    const pages = await pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = normalised(await pdfText(pdf));
    // A paragraph cut by a page break has that page's footer in between.
    const footers = /—2026-0042صفحة\d+\/\d+/g;
    expect(text.match(footers)?.length).toBeGreaterThanOrEqual(pages - 1); // poppler may order the last one differently
    const withoutFooters = text.replace(footers, '');
    for (const paragraph of paragraphs) expect(withoutFooters).toContain(normalised(paragraph));
  });

  it('marks a letter signed with a test certificate in the three languages, and only such a letter', async () => {
    const marked = normalised(await pdfText(await renderLetterPdf(frenchLetter({ isTest: true }))));
    for (const line of TEST_MARK_LINES) expect(marked).toContain(normalised(line));
    const unmarked = normalised(await pdfText(await renderLetterPdf(frenchLetter({ isTest: false }))));
    for (const line of TEST_MARK_LINES) expect(unmarked).not.toContain(normalised(line));
  });

  it('repeats the test mark at the top of every page and keeps the text under it black', async () => {
    const answerText = Array.from({ length: 60 }, (_, i) => `Paragraphe ${i + 1} de la réponse.`).join('\n');
    const pdf = await renderLetterPdf(frenchLetter({ isTest: true, answerText }));
    expect(await pageCount(pdf)).toBeGreaterThanOrEqual(2);
    const redRows = await rowsWithRed(pdf, 2);
    expect(redRows.length).toBeGreaterThan(0); // the mark's frame and lines
    expect(Math.max(...redRows)).toBeLessThan(125); // nothing red below the mark (it ends about 117 pt down)
  });

  it('says so when the citizen is anonymous', async () => {
    const text = await pdfText(await renderLetterPdf(frenchLetter({ citizenName: undefined })));
    expect(text).toContain('À l’auteur de la demande');
    expect(text).not.toContain('Amina');
  });

  it('gives the same bytes for the same letter (creation date from the answer, fixed file identifier)', async () => {
    const first = await renderLetterPdf(arabicLetter());
    const second = await renderLetterPdf(arabicLetter());
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const other = await renderLetterPdf(arabicLetter({ reference: '2026-0043' }));
    expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
    const info = await withPdfFile(first, (path) => poppler('pdfinfo', [path]));
    expect(info).toMatch(/PDF version:\s+1\.7/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(info).toMatch(/CreationDate:\s+Fri Mar 20 10:30:00 2026 UTC/);
  });

  it('embeds only Amiri, as subsets', async () => {
    const fonts = await withPdfFile(await renderLetterPdf(arabicLetter()), (path) => poppler('pdffonts', [path]));
    const rows = fonts.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBe(2);
    for (const row of rows) expect(row).toMatch(/^[A-Z]{6}\+Amiri-(Regular|Bold)\s.*\byes\s+yes\b/);
  });
});
