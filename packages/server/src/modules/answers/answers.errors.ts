import { AppError } from '../../http/app-error.ts';

export const createAnswerNotFoundError = () => new AppError('answers.not_found');
export const createNotSignedYetError = () =>
  new AppError('answers.not_signed_yet', {
    detail: 'The letter is being signed; it is ready a few seconds after the answer is sent.',
    retryAfterSeconds: 2,
  });
export const createReceiptNotReadyError = () =>
  new AppError('answers.receipt_not_ready', {
    detail: 'The transparency log includes an answer at its next batch, a few seconds after signing.',
    retryAfterSeconds: 3,
  });
export const createDocumentTooLargeError = (maxBytes: number) =>
  new AppError('verify.document_too_large', { detail: `An answer letter is at most ${maxBytes} bytes.` });
export const createNotAPdfError = () =>
  new AppError('verify.not_a_pdf', { detail: 'Send the letter as application/pdf (the file starts with %PDF-).' });
/** Every verification thread is busy and the queue is full (docs/pdf-verification.md). */
export const createVerifyBusyError = (retryAfterSeconds: number) =>
  new AppError('verify.busy', {
    detail: 'The verifier is busy with other letters. Try again in a few seconds.',
    retryAfterSeconds,
  });
