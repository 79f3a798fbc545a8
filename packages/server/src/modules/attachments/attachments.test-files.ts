import { crc32, deflateRawSync, deflateSync } from 'node:zlib';

/** Small real files of each accepted type (and some refused ones), built by tests. */

export function minimalPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
      'trailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

export function minimalPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 0xc0, 0x39, 0x2b]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JFIF header and end-of-image marker: what a JPEG starts and ends with. */
export function minimalJpeg(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0', 'latin1'),
    Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]),
  ]);
}

/** A zip archive; entries are deflated unless `stored`. */
export function zip(entries: Array<{ name: string; content: string | Buffer; stored?: boolean }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const content = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content);
    const data = entry.stored ? content : deflateRawSync(content);
    const name = Buffer.from(entry.name);
    const method = entry.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(content), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(content), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const contentTypes = (main: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  `<Override PartName="/main.xml" ContentType="${main}"/></Types>`;

export function minimalDocx(
  mainType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
) {
  return zip([
    { name: '[Content_Types].xml', content: contentTypes(mainType) },
    { name: '_rels/.rels', content: '<Relationships/>' },
    {
      name: 'word/document.xml',
      content: '<w:document><w:body><w:p><w:r><w:t>مرحبا</w:t></w:r></w:p></w:body></w:document>',
    },
  ]);
}

export function minimalXlsx() {
  return zip([
    {
      name: '[Content_Types].xml',
      content: contentTypes('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'),
    },
    { name: 'xl/workbook.xml', content: '<workbook/>' },
  ]);
}

export function minimalOdt(mimetype = 'application/vnd.oasis.opendocument.text') {
  return zip([
    { name: 'mimetype', content: mimetype, stored: true },
    { name: 'content.xml', content: '<office:document-content/>' },
  ]);
}

/** An OLE2 compound file whose directory holds the given streams (legacy Office documents). */
export function compoundFile(streamNames: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30); // 512-byte sectors
  header.writeUInt16LE(6, 32);
  const entry = (name: string, type: number) => {
    const record = Buffer.alloc(128);
    const encoded = Buffer.from(`${name}\0`, 'utf16le');
    encoded.copy(record);
    record.writeUInt16LE(encoded.length, 64);
    record[66] = type;
    return record;
  };
  const entries = [entry('Root Entry', 5), ...streamNames.map((name) => entry(name, name === 'Macros' ? 1 : 2))];
  while (entries.length % 4 !== 0) entries.push(Buffer.alloc(128));
  return Buffer.concat([header, ...entries]);
}

/** A Windows executable: what a renamed `.pdf` from an attacker really is. */
export function windowsExecutable(): Buffer {
  const file = Buffer.alloc(256);
  file.write('MZ', 0, 'latin1');
  file.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return file;
}

/** Builds a multipart/form-data body with one `file` part per entry. */
export function multipartBody(
  files: Array<{ name: string; content: Buffer; type?: string }>,
  boundary = 'epeople-test-boundary',
) {
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"; filename*=UTF-8''${encodeURIComponent(file.name)}\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
