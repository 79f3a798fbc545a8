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

/**
 * `'word':* | 'word'…` over normalised words. The repository does not trust its caller's words:
 * each is quoted as a tsquery operand (quotes doubled, backslashes, chr(92), escaped), so no text is read
 * as tsquery syntax; and a word that normalises to nothing (tatweel or diacritics only) is
 * dropped instead of leaving a bare `:*`, which to_tsquery refuses with a syntax error. No word
 * left gives '', an empty query that matches nothing (docs/text-input.md).
 */
function orQuery(words: readonly string[]): SQL {
  if (words.length === 0) return sql`''`;
  const rows = words.map((word) => sql`(${word}::text, ${word.length >= 4 ? ':*' : ''}::text)`);
  return sql`coalesce((
    SELECT string_agg('''' || replace(replace(n.word, chr(92), chr(92) || chr(92)), '''', '''''') || '''' || w.suffix, ' | ')
      FROM (VALUES ${sql.join(rows, sql`, `)}) AS w(word, suffix)
     CROSS JOIN LATERAL (SELECT search_normalize(w.word) AS word) AS n
     WHERE n.word <> ''), '')`;
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
