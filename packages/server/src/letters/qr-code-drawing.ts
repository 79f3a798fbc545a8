import QRCode from 'qrcode';

/**
 * Draws a QR code as vector squares (no image): crisp at any zoom, a few hundred bytes, and the
 * same bytes for the same text. Dark modules of a row are merged into one rectangle each.
 */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, at: { x: number; y: number; size: number }): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quietZone = 2; // modules of white border; the page around is white too
  const moduleSize = at.size / (modules.size + 2 * quietZone);
  for (let row = 0; row < modules.size; row++) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column++;
      doc.rect(
        at.x + (quietZone + start) * moduleSize,
        at.y + (quietZone + row) * moduleSize,
        (column - start) * moduleSize,
        moduleSize,
      );
    }
  }
  doc.fillColor('#000000').fill();
}
