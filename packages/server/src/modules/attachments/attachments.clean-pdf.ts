import { PDF, PdfArray, PdfDict, PdfName, type PdfObject, PdfRef, PdfStream } from '@libpdf/core';
import { stripJpegMetadata } from './jpeg-metadata.ts';

/**
 * Entries dropped wherever they appear (catalog, pages, images, forms, fonts): XMP streams
 * (`Metadata`: author, creator tool, document and instance ids, edit history), applications'
 * private data (`PieceInfo`, `LastModified`), associated files (`AF`) and page thumbnails.
 */
const METADATA_KEYS = ['Metadata', 'PieceInfo', 'LastModified', 'AF', 'Thumb'] as const;

export class PdfNotCleanableError extends Error {
  constructor(reason: string) {
    super(`PDF not cleanable: ${reason}`);
    this.name = 'PdfNotCleanableError';
  }
}

/**
 * A PDF for an anonymous notice, written anew from its pages (docs/threat-model-anonymous-notice.md).
 * Form fields and annotations are flattened into the pages' content first (a comment's author
 * goes with it) and hidden layers made visible; then the pages are copied into a fresh document,
 * so nothing that only the old catalog, trailer or an earlier revision reached is written at all:
 * the information dictionary (Author, Creator, Producer, dates), the catalog's XMP, embedded
 * files, JavaScript, outlines, the file identifier and every object an incremental update left
 * behind. In what the pages do reach, XMP and private application data are removed, and the
 * JPEG images lose their EXIF, XMP, IPTC and comment segments. The result has no information
 * dictionary and a new random identifier. Text and pictures on the pages stay as they are.
 */
export async function rewritePdfWithoutMetadata(bytes: Uint8Array): Promise<Uint8Array> {
  let source: PDF;
  try {
    source = await PDF.load(bytes);
  } catch (error) {
    throw new PdfNotCleanableError(error instanceof Error ? error.message : 'unreadable');
  }
  if (source.isEncrypted && !source.isAuthenticated) throw new PdfNotCleanableError('password-protected');
  // Burn form values and visible comments into the page content, and make every layer visible.
  source.flattenAll();
  const clean = PDF.create();
  // PDF.create() writes its own information dictionary (its name, "Untitled", today): none at all.
  clean.context.info.trailer.delete('Info');
  const pageCount = source.getPageCount();
  if (pageCount > 0) {
    await clean.copyPagesFrom(
      source,
      Array.from({ length: pageCount }, (_, index) => index),
      { includeAnnotations: false, includeThumbnails: false, includeStructure: false, includeBeads: false },
    );
  }
  removeMetadataReachableFrom(clean);
  return clean.save({ useXRefStream: false });
}

function removeMetadataReachableFrom(pdf: PDF): void {
  const visited = new Set<PdfObject>();
  const pending: PdfObject[] = [pdf.context.catalog.getDict()];
  while (pending.length > 0) {
    const object = pending.pop() as PdfObject;
    if (object instanceof PdfRef) {
      const resolved = pdf.context.resolve(object);
      if (resolved && !visited.has(resolved)) {
        visited.add(resolved);
        pending.push(resolved);
      }
    } else if (object instanceof PdfDict) {
      for (const key of METADATA_KEYS) object.delete(key);
      if (object instanceof PdfStream && isJpegStream(object)) replaceJpeg(object);
      for (const [, value] of object) pending.push(value);
    } else if (object instanceof PdfArray) {
      for (const item of object) pending.push(item);
    }
  }
}

/** An image encoded as a JPEG and nothing else (a JPEG inside another filter is left as it is). */
function isJpegStream(stream: PdfStream): boolean {
  const filter = stream.get('Filter');
  if (filter instanceof PdfName) return filter.value === 'DCTDecode';
  return (
    filter instanceof PdfArray && filter.length === 1 && (filter.at(0) as PdfName | undefined)?.value === 'DCTDecode'
  );
}

function replaceJpeg(stream: PdfStream): void {
  const stripped = stripJpegMetadata(stream.data);
  if (!stripped) throw new PdfNotCleanableError('damaged JPEG image');
  const decodeParms = stream.get('DecodeParms');
  // setData() takes decoded bytes and drops the filter: the bytes stay a JPEG, so name it again.
  stream.setData(stripped);
  stream.set('Filter', PdfName.of('DCTDecode'));
  if (decodeParms) stream.set('DecodeParms', decodeParms);
}
