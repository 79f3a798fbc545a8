import PDFDocument from 'pdfkit';
import type { Letter } from './letter.ts';
import { createLetterPageWriter, type LetterPageWriter, type PageBox, type Span } from './letter-page-writer.ts';
import { formatLetterDate, LETTER_STRINGS, type LetterStrings, TEST_MARK_LINES } from './letter-strings.ts';
import { withNeutralisedText } from './letter-text.ts';
import { drawQrCode } from './qr-code-drawing.ts';

/**
 * The answer letter as an unsigned PDF (A4, PDF 1.7, fonts embedded as subsets). The same letter
 * gives the same bytes: the creation date is the answer's time and the file identifier derives
 * from the document information. Runs in the caller's thread: the render pool calls it from
 * its workers.
 */

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const FOOTER_HEIGHT = 28;
const TEST_RED = '#c1121f';
const MUTED = '#555555';
const QR_SIZE = 84;

export async function renderLetterPdf(unsafeLetter: Letter): Promise<Uint8Array> {
  const letter = withNeutralisedText(unsafeLetter);
  const strings = LETTER_STRINGS[letter.language];
  const direction = letter.language === 'ar' ? 'rtl' : 'ltr';
  const doc = new PDFDocument({
    size: 'A4',
    pdfVersion: '1.7',
    margin: MARGIN,
    bufferPages: true,
    lang: letter.language,
    displayTitle: true,
    // null, not undefined: pdfkit would otherwise parse Helvetica's metrics for every letter; only Amiri is used.
    font: null as unknown as string,
    info: {
      Title: `${letter.reference} — ${letter.title}`,
      Author: letter.unit.name,
      Subject: strings.outcomes[letter.outcome],
      Creator: 'ePeople',
      Producer: 'ePeople',
      CreationDate: letter.answeredAt,
    },
  });
  const bytes = collectBytes(doc);
  const box: PageBox = {
    left: MARGIN,
    right: A4.width - MARGIN,
    top: MARGIN,
    bottom: A4.height - MARGIN - FOOTER_HEIGHT,
  };
  const writer = createLetterPageWriter(doc, {
    box,
    direction,
    onNewPage: (pageWriter) => writeTestMark(pageWriter, letter),
  });
  writeTestMark(writer, letter);
  writeLetterhead(writer, letter);
  writeCaseDetails(writer, letter);
  writeAnswer(writer, letter.answerText);
  writeSignature(writer, letter);
  writeVerification(writer, letter);
  writeFooters(writer, letter);
  doc.end();
  return bytes;
}

function collectBytes(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      const joined = Buffer.concat(chunks);
      resolve(new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength));
    });
    doc.on('error', reject);
  });
}

function writeTestMark(writer: LetterPageWriter, letter: Letter): void {
  if (!letter.isTest) return;
  const top = writer.y;
  writer.y += 4;
  for (const line of TEST_MARK_LINES) {
    const isArabic = line === TEST_MARK_LINES[0];
    writer.paragraph([{ text: line, style: 'bold' }], {
      size: 10,
      align: 'center',
      color: TEST_RED,
      direction: isArabic ? 'rtl' : 'ltr',
    });
  }
  writer.y += 4;
  writer.doc
    .lineWidth(1.5)
    .rect(writer.box.left, top, writer.box.right - writer.box.left, writer.y - top)
    .strokeColor(TEST_RED)
    .stroke();
  writer.y += 12;
}

function writeLetterhead(writer: LetterPageWriter, letter: Letter): void {
  const strings = LETTER_STRINGS[letter.language];
  writer.paragraph([{ text: strings.country, style: 'bold' }], { size: 13 });
  if (letter.unit.parentName) writer.paragraph(letter.unit.parentName, { size: 12 });
  writer.paragraph([{ text: letter.unit.name, style: 'bold' }], { size: 12, spaceAfter: 6 });
  writer.doc
    .lineWidth(0.75)
    .moveTo(writer.box.left, writer.y)
    .lineTo(writer.box.right, writer.y)
    .strokeColor('#000000')
    .stroke();
  writer.y += 12;
}

const labelled = (strings: LetterStrings, label: string, value: string): Span[] => [
  { text: `${label}${strings.labelSeparator}`, style: 'bold' },
  { text: value, style: 'regular' },
];

function writeCaseDetails(writer: LetterPageWriter, letter: Letter): void {
  const strings = LETTER_STRINGS[letter.language];
  const size = 11;
  writer.paragraph(labelled(strings, strings.reference, letter.reference), { size });
  writer.paragraph(labelled(strings, strings.filedOn, formatLetterDate(letter.filedAt, letter.language)), { size });
  writer.paragraph(labelled(strings, strings.answeredOn, formatLetterDate(letter.answeredAt, letter.language)), {
    size,
    spaceAfter: 10,
  });
  const addressee = letter.citizenName ? `${strings.addressee} ${letter.citizenName}` : strings.anonymousAddressee;
  writer.paragraph([{ text: addressee, style: 'bold' }], { size: 12, spaceAfter: 10 });
  writer.paragraph(labelled(strings, strings.subject, letter.title), { size });
  writer.paragraph(labelled(strings, strings.outcome, strings.outcomes[letter.outcome]), { size, spaceAfter: 12 });
}

function writeAnswer(writer: LetterPageWriter, answerText: string): void {
  for (const paragraph of answerText.split(/\r?\n/)) {
    if (paragraph.trim() === '') writer.y += 6;
    else writer.paragraph(paragraph, { size: 11.5, spaceAfter: 4 });
  }
}

function writeSignature(writer: LetterPageWriter, letter: Letter): void {
  const strings = LETTER_STRINGS[letter.language];
  writer.y += 16;
  writer.ensureSpace(3 * writer.lineHeight(11) + 8);
  const block = { size: 11, align: 'end' as const };
  writer.paragraph([{ text: letter.signer.roleLabel, style: 'bold' }], block);
  writer.paragraph(letter.signer.name, block);
  writer.paragraph(strings.signedElectronically, { ...block, color: letter.isTest ? TEST_RED : MUTED, spaceAfter: 8 });
}

function writeVerification(writer: LetterPageWriter, letter: Letter): void {
  const strings = LETTER_STRINGS[letter.language];
  writer.y += 8;
  writer.ensureSpace(QR_SIZE);
  const top = writer.y;
  const qrX = writer.direction === 'rtl' ? writer.box.right - QR_SIZE : writer.box.left;
  drawQrCode(writer.doc, letter.verificationUrl, { x: qrX, y: top, size: QR_SIZE });
  writer.y = top + 16;
  const beside = { size: 10, indent: QR_SIZE + 8 };
  writer.paragraph([{ text: strings.verifyAt, style: 'bold' }], beside);
  writer.paragraph(letter.verificationUrl, { ...beside, size: 9.5 });
  writer.y = Math.max(writer.y, top + QR_SIZE);
}

function writeFooters(writer: LetterPageWriter, letter: Letter): void {
  const strings = LETTER_STRINGS[letter.language];
  const { doc } = writer;
  const range = doc.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page++) {
    doc.switchToPage(page);
    writer.y = writer.box.bottom + FOOTER_HEIGHT / 2;
    writer.paragraph(`${letter.reference} — ${strings.page} ${page + 1}/${range.count}`, {
      size: 8,
      align: 'center',
      color: MUTED,
      isFixed: true,
    });
  }
}
