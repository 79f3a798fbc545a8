import { z } from 'zod';
import { fileCaseRequestSchema, fileCaseResponseSchema, IDEMPOTENCY_KEY_HEADER } from '../cases.ts';
import { defineEndpoint } from '../endpoint.ts';
import { searchSimilarQuerySchema, searchSimilarResponseSchema } from '../faq.ts';

/** POST /cases: the filing, by anyone (citizen, guest, anonymous reporter). */
export const fileCaseEndpoint = defineEndpoint({
  method: 'POST',
  path: '/cases',
  operationId: 'fileCase',
  summary: 'File a petition, guidance request, suggestion or notice (as a citizen, a guest, or anonymously)',
  description:
    'Send an `Idempotency-Key` header (16–128 characters, e.g. a UUID): the same key from the same ' +
    'submitter answers the first case again (200) instead of filing twice (201).',
  headers: z.looseObject({ [IDEMPOTENCY_KEY_HEADER]: z.string().max(200).optional() }),
  body: fileCaseRequestSchema,
  responses: { 200: fileCaseResponseSchema, 201: fileCaseResponseSchema },
  problems: [
    'cases.attachment_not_anonymous',
    'cases.attachment_not_found',
    'cases.category_not_found',
    'cases.contact_required',
    'cases.invalid_idempotency_key',
    'cases.idempotency_conflict',
    'contact.phone_country_not_allowed',
  ],
});

/** GET /search/similar: what a citizen types before filing, matched against the FAQ and answered public cases. */
export const searchSimilarEndpoint = defineEndpoint({
  method: 'GET',
  path: '/search/similar',
  operationId: 'searchSimilar',
  summary: 'Before filing: similar FAQ answers and earlier public cases (Arabic, French, English)',
  description:
    'Searches the published FAQ and the public facts of answered cases in the three languages, so that a ' +
    'citizen may find an answer before filing.',
  query: searchSimilarQuerySchema,
  responses: { 200: searchSimilarResponseSchema },
  problems: [],
});
