import { inflateRawSync } from 'node:zlib';

/**
 * Which file types a case accepts, recognised from the bytes only (never the name or the type
 * the browser declared). Office documents are zip containers (OOXML, ODF) or OLE2 compound files
 * (legacy .doc/.xls/.ppt): the sniffer looks inside them for the part that names the format.
 * Macro-enabled documents are refused.
 */
export const ALLOWED_MEDIA_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
} as const;
export type AllowedMediaType = keyof typeof ALLOWED_MEDIA_TYPES;

/** Reads `length` bytes at `position` of the file being sniffed (fewer at its end). */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

export interface SniffTarget {
  size: number;
  read: ReadAt;
}

export function bufferTarget(buffer: Buffer): SniffTarget {
  return { size: buffer.length, read: async (position, length) => buffer.subarray(position, position + length) };
}

const startsWith = (head: Buffer, signature: number[]) => signature.every((byte, index) => head[index] === byte);

export async function sniffMediaType(target: SniffTarget): Promise<AllowedMediaType | undefined> {
  const head = await target.read(0, 16);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(target);
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffCompoundFile(target);
  return undefined;
}

// --- Zip containers: OOXML ([Content_Types].xml names the main part) and ODF (the `mimetype` entry).

const OOXML_MAIN_PARTS: ReadonlyArray<[string, AllowedMediaType]> = [
  [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ],
  [
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ],
  [
    'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ],
];
const ODF_TYPES = new Set<string>([
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
]);
/** [Content_Types].xml is a few KB; anything far larger is not a document we accept. */
const MAX_CONTENT_TYPES_BYTES = 256 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

async function sniffZip(target: SniffTarget): Promise<AllowedMediaType | undefined> {
  const entries = await readZipDirectory(target);
  if (!entries) return undefined;
  const mimetype = entries.find((entry) => entry.name === 'mimetype');
  if (mimetype) {
    // ODF keeps macros and scripts in these folders.
    if (entries.some((entry) => /^(Basic|Scripts)\//.test(entry.name))) return undefined;
    const value = (await readZipEntry(target, mimetype))?.toString('latin1').trim();
    return value && ODF_TYPES.has(value) ? (value as AllowedMediaType) : undefined;
  }
  const contentTypes = entries.find((entry) => entry.name === '[Content_Types].xml');
  if (!contentTypes) return undefined;
  if (entries.some((entry) => /(^|\/)vbaProject\.bin$/i.test(entry.name))) return undefined;
  const xml = (await readZipEntry(target, contentTypes))?.toString('utf8');
  if (!xml) return undefined;
  // Macro-enabled variants declare other main types (…macroEnabled.main+xml), so they match none.
  for (const [mainPart, mediaType] of OOXML_MAIN_PARTS) {
    if (xml.includes(`ContentType="${mainPart}"`)) return mediaType;
  }
  return undefined;
}

async function readZipDirectory(target: SniffTarget): Promise<ZipEntry[] | undefined> {
  // The end-of-central-directory record is in the last 22 bytes plus a comment of up to 64 KB.
  const tailLength = Math.min(target.size, 22 + 0xffff);
  const tail = await target.read(target.size - tailLength, tailLength);
  const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > tail.length) return undefined;
  const count = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (directoryOffset + directorySize > target.size || count > 10_000) return undefined;
  const directory = await target.read(directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let position = 0;
  for (let index = 0; index < count; index++) {
    if (position + 46 > directory.length || directory.readUInt32LE(position) !== 0x02014b50) return undefined;
    const nameLength = directory.readUInt16LE(position + 28);
    const extraLength = directory.readUInt16LE(position + 30);
    const commentLength = directory.readUInt16LE(position + 32);
    entries.push({
      method: directory.readUInt16LE(position + 10),
      compressedSize: directory.readUInt32LE(position + 20),
      uncompressedSize: directory.readUInt32LE(position + 24),
      localHeaderOffset: directory.readUInt32LE(position + 42),
      name: directory.subarray(position + 46, position + 46 + nameLength).toString('utf8'),
    });
    position += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function readZipEntry(target: SniffTarget, entry: ZipEntry): Promise<Buffer | undefined> {
  if (entry.uncompressedSize > MAX_CONTENT_TYPES_BYTES || entry.compressedSize > MAX_CONTENT_TYPES_BYTES) {
    return undefined;
  }
  const header = await target.read(entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) return undefined;
  const dataOffset = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const data = await target.read(dataOffset, entry.compressedSize);
  try {
    if (entry.method === 0) return data;
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: MAX_CONTENT_TYPES_BYTES });
  } catch {
    return undefined;
  }
  return undefined;
}

// --- OLE2 compound files (legacy Office): the directory names the main stream.

const COMPOUND_STREAMS: ReadonlyArray<[string, AllowedMediaType]> = [
  ['WordDocument', 'application/msword'],
  ['Workbook', 'application/vnd.ms-excel'],
  ['Book', 'application/vnd.ms-excel'],
  ['PowerPoint Document', 'application/vnd.ms-powerpoint'],
];
const MACRO_STORAGES = ['Macros', '_VBA_PROJECT_CUR', 'VBA'];

/**
 * Directory entries are 128-byte records at 128-byte boundaries inside sectors; instead of
 * following the sector chains, every boundary is checked for a record whose name (UTF-16LE, with
 * its length at byte 64) is one of the main streams. Files with macro storages are refused.
 */
async function sniffCompoundFile(target: SniffTarget): Promise<AllowedMediaType | undefined> {
  const header = await target.read(0, 512);
  const sectorShift = header.readUInt16LE(30);
  if (sectorShift !== 9 && sectorShift !== 12) return undefined;
  const names = new Set<string>();
  const chunkSize = 1024 * 1024;
  for (let offset = 1 << sectorShift; offset < target.size; offset += chunkSize) {
    const chunk = await target.read(offset, chunkSize);
    for (let record = 0; record + 128 <= chunk.length; record += 128) {
      const nameBytes = chunk.readUInt16LE(record + 64);
      const objectType = chunk[record + 66];
      if (nameBytes < 4 || nameBytes > 64 || nameBytes % 2 !== 0 || (objectType !== 1 && objectType !== 2)) continue;
      const name = chunk.subarray(record, record + nameBytes - 2).toString('utf16le');
      if (chunk.readUInt16LE(record + nameBytes - 2) === 0) names.add(name);
    }
  }
  if (MACRO_STORAGES.some((storage) => names.has(storage))) return undefined;
  return COMPOUND_STREAMS.find(([stream]) => names.has(stream))?.[1];
}
