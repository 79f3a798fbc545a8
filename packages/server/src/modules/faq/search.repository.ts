import type { CaseOutcome, RequestType } from '@epeople/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/client.ts';

/**
 * The words of a search, split by script: Arabic words are matched with the Arabic stemmer,
 * Latin ones with the French and English stemmers. Each word matches as a prefix (typing
 * "réclam" finds "réclamation"); words are OR-ed and the results ranked by how well they match.
 */
export interface SearchWords {
  arabic: string[];
  latin: string[];
}

/** `word:* | word…` over normalised words; the words hold only letters and digits (no query syntax). */
function orQuery(words: readonly string[]): SQL {
  if (words.length === 0) return sql`''`;
  const terms = words.map((word) => sql`search_normalize(${word}) || ${word.length >= 4 ? ':*' : ''}`);
  return sql`array_to_string(ARRAY[${sql.join(terms, sql`, `)}], ' | ')`;
}

function tsQuery(words: SearchWords): SQL {
  return sql`(to_tsquery('arabic'::regconfig, ${orQuery(words.arabic)})
           || to_tsquery('french'::regconfig, ${orQuery(words.latin)})
           || to_tsquery('english'::regconfig, ${orQuery(words.latin)}))`;
}

export interface FaqHit {
  id: string;
  category_id: string | null;
  question_ar: string;
  question_fr: string;
  question_en: string;
  answer_ar: string;
  answer_fr: string;
  answer_en: string;
}

export interface PublicCaseHit {
  reference: string;
  type: RequestType;
  title: string;
  outcome: CaseOutcome;
  answered_at: Date | string;
}

export function createSearchRepository({ db }: { db: Database }) {
  return {
    async searchFaq(words: SearchWords, filters: { categoryId?: string | undefined }, limit: number) {
      return queryRows<FaqHit>(
        db,
        sql`WITH q AS (SELECT ${tsQuery(words)} AS query)
            SELECT f.id, f.category_id, f.question_ar, f.question_fr, f.question_en,
                   f.answer_ar, f.answer_fr, f.answer_en
              FROM faq_entries f, q
             WHERE f.is_published AND f.search_vector @@ q.query
               ${filters.categoryId ? sql`AND f.category_id = ${filters.categoryId}` : sql``}
             ORDER BY ts_rank(f.search_vector, q.query) DESC, f.id
             LIMIT ${limit}`,
      );
    },

    /**
     * Earlier cases whose citizen agreed to publication and that were answered. Only the title
     * is searched (weights A and C of the cases' vector), never the description, so nothing
     * private can be probed through matches; only reference, type, title and outcome leave.
     */
    async searchPublicCases(
      words: SearchWords,
      filters: { type?: RequestType | undefined; categoryId?: string | undefined },
      limit: number,
    ) {
      return queryRows<PublicCaseHit>(
        db,
        sql`WITH q AS (SELECT ${tsQuery(words)} AS query)
            SELECT c.reference, c.type, c.title, c.outcome, c.answered_at
              FROM cases c, q
             WHERE c.publish_consent
               AND c.state IN ('answered', 'closed')
               AND c.outcome IS NOT NULL AND c.answered_at IS NOT NULL
               AND c.search_vector @@ q.query
               AND ts_filter(c.search_vector, '{a,c}') @@ q.query
               ${filters.type ? sql`AND c.type = ${filters.type}` : sql``}
               ${filters.categoryId ? sql`AND c.category_id = ${filters.categoryId}` : sql``}
             ORDER BY ts_rank(ts_filter(c.search_vector, '{a,c}'), q.query) DESC, c.answered_at DESC
             LIMIT ${limit}`,
      );
    },
  };
}
