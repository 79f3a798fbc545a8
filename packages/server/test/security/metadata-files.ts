import { crc32 } from 'node:zlib';
import { PDF } from '@libpdf/core';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';

/**
 * Real files carrying the metadata a phone or an office suite writes, built byte by byte here so
 * that the tests do not depend on the code they check: EXIF (IFD0 Artist, Make, Model; the EXIF
 * IFD's BodySerialNumber; the GPS IFD's latitude and longitude), XMP, IPTC, PNG text chunks, and
 * PDFs with an information dictionary, XMP, an earlier revision and a JPEG image with EXIF.
 */
export const REPORTER = {
  name: 'Sami Ben Trabelsi',
  camera: 'Trabelsi-Cam X9',
  serial: 'SN-4815162342',
  tool: 'Sami-Office 7.1',
  latitude: [36, 48, 25.2],
  longitude: [10, 10, 50.4],
} as const;

type TiffEntry = { tag: number; type: 2 | 3 | 4 | 5; value: string | number[] };
const TYPE_SIZES = { 2: 1, 3: 2, 4: 4, 5: 8 } as const;

function valueBytes(entry: TiffEntry): { count: number; bytes: Buffer } {
  if (typeof entry.value === 'string') {
    const bytes = Buffer.from(`${entry.value}\0`, 'latin1');
    return { count: bytes.length, bytes };
  }
  const size = TYPE_SIZES[entry.type];
  if (entry.type === 5) {
    const bytes = Buffer.alloc(entry.value.length * 8);
    for (const [index, number] of entry.value.entries()) {
      bytes.writeUInt32LE(Math.round(number * 100), index * 8);
      bytes.writeUInt32LE(100, index * 8 + 4);
    }
    return { count: entry.value.length, bytes };
  }
  const bytes = Buffer.alloc(entry.value.length * size);
  for (const [index, number] of entry.value.entries()) {
    if (size === 2) bytes.writeUInt16LE(number, index * 2);
    else bytes.writeUInt32LE(number, index * 4);
  }
  return { count: entry.value.length, bytes };
}

const ifdSize = (entries: TiffEntry[]) =>
  2 +
  12 * entries.length +
  4 +
  entries.reduce((total, entry) => {
    const { bytes } = valueBytes(entry);
    return total + (bytes.length > 4 ? bytes.length + (bytes.length % 2) : 0);
  }, 0);

function encodeIfd(entries: TiffEntry[], start: number): Buffer {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const head = Buffer.alloc(2 + 12 * sorted.length + 4);
  head.writeUInt16LE(sorted.length, 0);
  const data: Buffer[] = [];
  let dataOffset = start + head.length;
  sorted.forEach((entry, index) => {
    const at = 2 + index * 12;
    const { count, bytes } = valueBytes(entry);
    head.writeUInt16LE(entry.tag, at);
    head.writeUInt16LE(entry.type, at + 2);
    head.writeUInt32LE(count, at + 4);
    if (bytes.length <= 4) bytes.copy(head, at + 8);
    else {
      head.writeUInt32LE(dataOffset, at + 8);
      const padded = bytes.length % 2 ? Buffer.concat([bytes, Buffer.alloc(1)]) : bytes;
      data.push(padded);
      dataOffset += padded.length;
    }
  });
  return Buffer.concat([head, ...data]);
}

/** A little-endian TIFF structure: IFD0 pointing at an EXIF IFD and a GPS IFD. */
export function exifTiff(): Buffer {
  const exifIfd: TiffEntry[] = [{ tag: 0xa431, type: 2, value: REPORTER.serial }];
  const gpsIfd: TiffEntry[] = [
    { tag: 0x0001, type: 2, value: 'N' },
    { tag: 0x0002, type: 5, value: [...REPORTER.latitude] },
    { tag: 0x0003, type: 2, value: 'E' },
    { tag: 0x0004, type: 5, value: [...REPORTER.longitude] },
  ];
  const ifd0Base: TiffEntry[] = [
    { tag: 0x010f, type: 2, value: 'Trabelsi' },
    { tag: 0x0110, type: 2, value: REPORTER.camera },
    { tag: 0x013b, type: 2, value: REPORTER.name },
  ];
  const ifd0Size = ifdSize([...ifd0Base, { tag: 0x8769, type: 4, value: [0] }, { tag: 0x8825, type: 4, value: [0] }]);
  const exifStart = 8 + ifd0Size;
  const gpsStart = exifStart + ifdSize(exifIfd);
  const ifd0 = [
    ...ifd0Base,
    { tag: 0x8769, type: 4 as const, value: [exifStart] },
    { tag: 0x8825, type: 4 as const, value: [gpsStart] },
  ];
  const header = Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]);
  return Buffer.concat([header, encodeIfd(ifd0, 8), encodeIfd(exifIfd, exifStart), encodeIfd(gpsIfd, gpsStart)]);
}

const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><dc:creator><rdf:Seq><rdf:li>${REPORTER.name}</rdf:li></rdf:Seq></dc:creator><xmp:CreatorTool>${REPORTER.tool}</xmp:CreatorTool></rdf:Description></rdf:RDF></x:xmpmeta>`;

const segment = (marker: number, body: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
};

/** IPTC-IIM record 2:80 (By-line) inside a Photoshop image resource block (APP13). */
function iptcSegment(): Buffer {
  const byline = Buffer.from(REPORTER.name, 'latin1');
  const record = Buffer.concat([Buffer.from([0x1c, 0x02, 0x50, 0x00, byline.length]), byline]);
  const resource = Buffer.alloc(12);
  resource.write('8BIM', 0, 'latin1');
  resource.writeUInt16BE(0x0404, 4);
  resource.writeUInt32BE(record.length, 8);
  const padded = record.length % 2 ? Buffer.concat([record, Buffer.alloc(1)]) : record;
  return segment(0xed, Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource, padded]));
}

/** A decodable JPEG whose APP1 EXIF, APP1 XMP, APP13 IPTC and comment name the reporter. */
export async function jpegWithMetadata(): Promise<Buffer> {
  const plain = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer();
  return Buffer.concat([
    plain.subarray(0, 2),
    segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff()])),
    segment(0xe1, Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), Buffer.from(XMP)])),
    iptcSegment(),
    segment(0xfe, Buffer.from(`Photo by ${REPORTER.name}`, 'latin1')),
    plain.subarray(2),
  ]);
}

const pngChunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A decodable PNG with an eXIf chunk, a tEXt Author chunk and an iTXt XMP packet. */
export async function pngWithMetadata(): Promise<Buffer> {
  const plain = await sharp({ create: { width: 32, height: 32, channels: 4, background: '#c33' } })
    .png()
    .toBuffer();
  const afterHeader = 8 + 25; // signature, then the IHDR chunk
  return Buffer.concat([
    plain.subarray(0, afterHeader),
    pngChunk('eXIf', exifTiff()),
    pngChunk('tEXt', Buffer.from(`Author\0${REPORTER.name}`, 'latin1')),
    pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), Buffer.from(XMP)])),
    plain.subarray(afterHeader),
  ]);
}

/**
 * A PDF as an office suite writes one: an information dictionary and XMP naming the author and
 * the tool (pdfkit's PDF/A mode writes both), a JPEG photo with EXIF on its page, then an
 * incremental update that changes the author, so the first revision's objects stay in the bytes.
 */
export async function pdfWithMetadata(): Promise<Buffer> {
  const document = new PDFDocument({
    subset: 'PDF/A-1b',
    pdfVersion: '1.4',
    info: {
      Author: REPORTER.name,
      Creator: REPORTER.tool,
      Title: `Reçu de ${REPORTER.name}`,
      Keywords: REPORTER.serial,
    },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => document.on('end', resolve));
  document.fontSize(14).text('Receipt 42: 350 dinars paid at the counter.');
  document.image(await jpegWithMetadata(), 72, 120, { width: 128 });
  document.end();
  await ended;
  const first = await PDF.load(new Uint8Array(Buffer.concat(chunks)));
  first.setMetadata({ author: `${REPORTER.name} (revised)`, subject: 'Second revision' });
  return Buffer.from(await first.save({ incremental: true }));
}
