import type { CaseOutcome, RequestType } from '@epeople/contracts';
import { Accordion, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/index.ts';
import { LtrValue } from './case-format.tsx';
import { searchSimilar } from './cases-api.ts';

/**
 * Earlier public answers and FAQ entries close to what the citizen is typing, so they may find
 * the answer without filing. Quiet when nothing matches or the search cannot be reached.
 */
export function SimilarPanel({
  text,
  type,
  categoryId,
}: {
  text: string;
  type?: RequestType;
  categoryId?: string | null;
}) {
  const { t } = useTranslation();
  const [query] = useDebouncedValue(text.trim(), 400);
  const [results, setResults] = useState<Awaited<ReturnType<typeof searchSimilar>>>();
  const language = currentLanguage();

  useEffect(() => {
    if (query.length < 3) {
      setResults(undefined);
      return;
    }
    const controller = new AbortController();
    searchSimilar({ q: query.slice(0, 300), type, categoryId: categoryId ?? undefined }, controller.signal).then(
      setResults,
      () => {
        // Suggestions are a help, not a step: an error simply shows none.
        if (!controller.signal.aborted) setResults(undefined);
      },
    );
    return () => controller.abort();
  }, [query, type, categoryId]);

  if (!results || (results.cases.length === 0 && results.faq.length === 0)) return null;
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="similar-title"
      data-testid="similar-panel"
      aria-live="polite"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="similar-title">
          {t('cases.similar.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('cases.similar.lead')}
        </Text>
        {results.faq.length > 0 ? (
          <Accordion variant="separated" aria-label={t('cases.similar.faq')}>
            {results.faq.map((entry) => (
              <Accordion.Item key={entry.id} value={entry.id}>
                <Accordion.Control>{entry.question[language]}</Accordion.Control>
                <Accordion.Panel>
                  <Text className="multiline-text">{entry.answer[language]}</Text>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        ) : null}
        {results.cases.length > 0 ? (
          <Stack gap={4} component="ul" className="plain-list" aria-label={t('cases.similar.cases')}>
            {results.cases.map((item) => (
              <li key={item.reference}>
                <Text size="sm">
                  <LtrValue>{item.reference}</LtrValue> · {item.title} ·{' '}
                  {t(`cases.outcomes.${item.outcome as CaseOutcome}`)}
                </Text>
              </li>
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
