import { createAlreadyRatedError } from '../cases.errors.ts';
import { type CaseActionArgs, performCaseAction } from './perform-case-action.ts';

/** The citizen rates the answer (1–5, optional comment), once; rating closes an answered case. */
export function rateCase(args: CaseActionArgs & { rating: number; comment?: string | undefined }) {
  return performCaseAction({
    ...args,
    action: 'rate',
    decide: ({ theCase, now }) => {
      if (theCase.rating !== null) throw createAlreadyRatedError();
      return {
        patch: {
          rating: args.rating,
          ratingComment: args.comment ?? null,
          ratedAt: now,
          closedAt: theCase.closedAt ?? now,
        },
        events: [
          { type: 'ANSWER_RATED', data: { rating: args.rating, ...(args.comment ? { comment: args.comment } : {}) } },
          ...(theCase.state === 'answered' ? [{ type: 'CASE_CLOSED' as const, data: { automatic: false } }] : []),
        ],
        audit: { rating: args.rating },
      };
    },
  });
}
