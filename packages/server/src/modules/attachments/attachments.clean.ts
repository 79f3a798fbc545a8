import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { CleanPdfReply } from './attachments.clean-pdf.worker.ts';
import { createTypeNotAllowedAnonymousError, createUnreadableError } from './attachments.errors.ts';
import type { AllowedMediaType } from './attachments.sniff.ts';

/**
 * What an anonymous notice may carry: the types whose metadata ePeople can remove. Office
 * documents are refused, not cleaned: their authors' names sit in many places besides the
 * document properties (comments, tracked changes, revision ids, embedded pictures, thumbnails,
 * legacy summary streams), and a missed one would name the reporter. "Save as PDF" flattens
 * them into a PDF, which is rewritten here. See docs/threat-model-anonymous-notice.md.
 */
export const ANONYMOUS_MEDIA_TYPES = new Set<AllowedMediaType>(['application/pdf', 'image/jpeg', 'image/png']);

const PDF_WORKER_URL = new URL('./attachments.clean-pdf.worker.ts', import.meta.url);
/** A 10 MB PDF is rewritten in a second or two; a file that takes far longer is refused. */
const PDF_TIME_LIMIT_MS = 30_000;
const PDF_HEAP_LIMIT_MB = 512;

export function assertAnonymousMediaType(mediaType: AllowedMediaType): void {
  if (!ANONYMOUS_MEDIA_TYPES.has(mediaType)) throw createTypeNotAllowedAnonymousError();
}

/** The file's content without its metadata: a re-encoded picture or a rewritten PDF. */
export async function withoutMetadata(path: string, mediaType: AllowedMediaType): Promise<Buffer> {
  switch (mediaType) {
    case 'image/jpeg':
    case 'image/png': {
      // sharp and its native library load on the first picture, not at start (docs/operations.md).
      const { reencodeImage } = await import('./attachments.clean-image.ts');
      return reencodeImage(path, mediaType);
    }
    case 'application/pdf':
      return rewritePdfOnThread(new Uint8Array(await readFile(path)));
    default:
      throw createTypeNotAllowedAnonymousError();
  }
}

function rewritePdfOnThread(pdf: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(PDF_WORKER_URL, {
      name: 'attachment-pdf-clean',
      workerData: pdf,
      transferList: [pdf.buffer as ArrayBuffer],
      resourceLimits: { maxOldGenerationSizeMb: PDF_HEAP_LIMIT_MB },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => settle(() => reject(createUnreadableError(new Error('PDF rewrite timed out')))),
      PDF_TIME_LIMIT_MS,
    );
    worker.on('message', (reply: CleanPdfReply) => {
      if ('pdf' in reply)
        settle(() => resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength)));
      else if ('refused' in reply) settle(() => reject(createUnreadableError(new Error(reply.refused))));
      // A bug or a file our PDF library cannot follow: refused all the same, never kept as it came.
      else settle(() => reject(createUnreadableError(new Error(reply.error))));
    });
    // Out of memory (resourceLimits) or a crash: the file is refused.
    worker.on('error', (error) => settle(() => reject(createUnreadableError(error))));
    worker.on('exit', (code) =>
      settle(() => reject(createUnreadableError(new Error(`PDF thread exited with ${code}`)))),
    );
  });
}
