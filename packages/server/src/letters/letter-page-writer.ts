import type {} from 'pdfkit'; // the PDFKit namespace's types
import { type LineAlignment, layoutParagraph, type TextDirection, type TextSpan } from './bidi-paragraph-layout.ts';
import { type LetterFontWeight, letterFont, measureText } from './letter-fonts.ts';

/**
 * Writes laid-out paragraphs down the page, starting a new page when the next line does not
 * fit. Every line, Arabic or Latin, goes through the same bidi layout: a French letter is just
 * a left-to-right paragraph direction.
 */

export type Span = TextSpan<LetterFontWeight>;

export interface ParagraphStyle {
  size: number;
  align?: LineAlignment;
  color?: string;
  /** Extra space after the paragraph, in points. */
  spaceAfter?: number;
  /** Points left free on the start side (text beside a QR code). */
  indent?: number;
  /** For a line in another language than the letter's (the test mark). */
  direction?: TextDirection;
  /** Drawn where the cursor is even below the bottom margin (footers): never starts a page. */
  isFixed?: boolean;
}

export interface PageBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface LetterPageWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly box: PageBox;
  readonly direction: TextDirection;
  /** Where the next line starts (top of the line), in points from the top of the page. */
  y: number;
  paragraph(spans: Span[] | string, style: ParagraphStyle): void;
  /** Starts a new page unless `height` points still fit above the bottom margin. */
  ensureSpace(height: number): void;
  lineHeight(size: number): number;
}

const LINE_HEIGHT_FACTOR = 1.75; // Amiri's Arabic marks reach far above and below the Latin line

export function createLetterPageWriter(
  doc: PDFKit.PDFDocument,
  options: { box: PageBox; direction: TextDirection; onNewPage: (writer: LetterPageWriter) => void },
): LetterPageWriter {
  doc.registerFont('regular', letterFont('regular') as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('bold', letterFont('bold') as unknown as PDFKit.Mixins.PDFFontSource);
  const lineHeight = (size: number) => size * LINE_HEIGHT_FACTOR;

  const writer: LetterPageWriter = {
    doc,
    box: options.box,
    direction: options.direction,
    y: options.box.top,
    lineHeight,
    ensureSpace(height) {
      if (writer.y + height <= options.box.bottom) return;
      doc.addPage();
      writer.y = options.box.top;
      options.onNewPage(writer);
    },
    paragraph(spans, style) {
      const indent = style.indent ?? 0;
      const width = options.box.right - options.box.left - indent;
      const left = options.direction === 'rtl' ? options.box.right - indent - width : options.box.left + indent;
      const spanList: Span[] = (typeof spans === 'string' ? [{ text: spans, style: 'regular' as const }] : spans).map(
        // Tabs and other breaking spaces the font may lack are drawn as plain spaces.
        (span) => ({ ...span, text: span.text.replace(/[\t\v\f\u2028\u2029]/g, ' ') }),
      );
      const lines = layoutParagraph(spanList, {
        direction: style.direction ?? options.direction,
        maxWidth: width,
        align: style.align ?? 'start',
        measure: (text, weight) => measureText(letterFont(weight), style.size, text),
      });
      const height = lineHeight(style.size);
      for (const line of lines) {
        if (!style.isFixed) writer.ensureSpace(height);
        doc.fillColor(style.color ?? '#000000'); // per line: a new page's header may have set another colour
        for (const run of line.runs) {
          doc.font(run.style).fontSize(style.size);
          // features: [] makes pdfkit shape the run as one piece (reversed when right to left).
          doc.text(run.text, left + run.x, writer.y + (height - style.size * 1.2) / 2, {
            lineBreak: false,
            features: [],
          });
        }
        writer.y += height;
      }
      writer.y += style.spaceAfter ?? 0;
    },
  };
  return writer;
}
