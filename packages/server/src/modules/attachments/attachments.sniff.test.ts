import { describe, expect, it } from 'vitest';
import { sanitiseFileName } from './attachments.file-name.ts';
import { bufferTarget, sniffMediaType } from './attachments.sniff.ts';
import {
  compoundFile,
  minimalDocx,
  minimalJpeg,
  minimalOdt,
  minimalPdf,
  minimalPng,
  minimalXlsx,
  windowsExecutable,
  zip,
} from './attachments.test-files.ts';

const sniff = (buffer: Buffer) => sniffMediaType(bufferTarget(buffer));

describe('content sniffing', () => {
  it('recognises each accepted type from its bytes', async () => {
    expect(await sniff(minimalPdf())).toBe('application/pdf');
    expect(await sniff(minimalPng())).toBe('image/png');
    expect(await sniff(minimalJpeg())).toBe('image/jpeg');
    expect(await sniff(minimalDocx())).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(await sniff(minimalXlsx())).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(await sniff(minimalOdt())).toBe('application/vnd.oasis.opendocument.text');
    expect(await sniff(minimalOdt('application/vnd.oasis.opendocument.spreadsheet'))).toBe(
      'application/vnd.oasis.opendocument.spreadsheet',
    );
    expect(await sniff(compoundFile(['WordDocument', '1Table']))).toBe('application/msword');
    expect(await sniff(compoundFile(['Workbook']))).toBe('application/vnd.ms-excel');
  });

  it('refuses executables, web pages and scripts whatever they are called', async () => {
    expect(await sniff(windowsExecutable())).toBeUndefined();
    expect(await sniff(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeUndefined();
    expect(await sniff(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBeUndefined();
    expect(await sniff(Buffer.from('GIF89a'))).toBeUndefined();
    expect(await sniff(Buffer.alloc(0))).toBeUndefined();
  });

  it('refuses zips that are not office documents, and macro-enabled documents', async () => {
    expect(await sniff(zip([{ name: 'payload.exe', content: windowsExecutable() }]))).toBeUndefined();
    expect(await sniff(minimalDocx('application/vnd.ms-word.document.macroEnabled.main+xml'))).toBeUndefined();
    expect(await sniff(minimalOdt('application/x-shockwave-flash'))).toBeUndefined();
    expect(await sniff(compoundFile(['WordDocument', 'Macros']))).toBeUndefined();
    expect(await sniff(compoundFile(['SomethingElse']))).toBeUndefined();
    const truncated = minimalDocx().subarray(0, 60);
    expect(await sniff(truncated)).toBeUndefined();
  });
});

describe('file names', () => {
  const PDF = 'application/pdf' as const;

  it('keeps Arabic and French letters', () => {
    expect(sanitiseFileName('شكوى البلدية.pdf', PDF)).toBe('شكوى البلدية.pdf');
    expect(sanitiseFileName('réclamation été.PDF', PDF)).toBe('réclamation été.pdf');
  });

  it('strips folders, control characters and bidirectional overrides', () => {
    expect(sanitiseFileName('../../etc/passwd', PDF)).toBe('passwd.pdf');
    expect(sanitiseFileName('C:\\Users\\x\\report.pdf', PDF)).toBe('report.pdf');
    expect(sanitiseFileName('invoice\u202Efdp.exe', PDF)).toBe('invoicefdp.pdf');
    expect(sanitiseFileName('a\u0000b\r\nc\u200F.pdf', PDF)).toBe('abc.pdf');
    expect(sanitiseFileName('..', PDF)).toBe('document.pdf');
    expect(sanitiseFileName(undefined, 'image/png')).toBe('document.png');
  });

  it('gives the extension of the type found in the content, and limits the length', () => {
    expect(sanitiseFileName('photo.exe', 'image/png')).toBe('photo.png');
    expect(sanitiseFileName('photo.JPEG', 'image/jpeg')).toBe('photo.jpeg');
    const long = sanitiseFileName(`${'ب'.repeat(500)}.pdf`, PDF);
    expect(Array.from(long)).toHaveLength(120);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
