import type { VerificationResult } from '@epeople/contracts';
import { Stack } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { VerificationResultView } from './verification-result.tsx';

/** The result, brought into view and focused so the verdict is read out as soon as it arrives. */
export function ResultBlock({
  result,
  before,
  answerShownAbove,
}: {
  result: VerificationResult;
  before?: ReactNode;
  /** See VerificationResultView. */
  answerShownAbove?: string | undefined;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new result is announced again.
  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, [result]);
  return (
    <section ref={ref} tabIndex={-1} aria-label={t('verify.page.resultLabel')} className="verify-result">
      <Stack gap="md">
        {before}
        <VerificationResultView result={result} answerShownAbove={answerShownAbove} />
      </Stack>
    </section>
  );
}
