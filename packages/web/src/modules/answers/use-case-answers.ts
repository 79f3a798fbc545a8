import type { SignedAnswer } from '@epeople/contracts';
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { loadCaseAnswers } from './answers-api.ts';
import { ANSWER_POLL_MS, needsPolling } from './answers-model.ts';

/** Codes that mean "this case has no answers to show here" rather than a failure worth telling. */
const NOTHING_TO_SHOW = new Set(['cases.not_found', 'common.not_found', 'common.route_not_found']);

/**
 * The signed answers of a case, asked again every 2 s while one is being signed or waits for its
 * log receipt, and again whenever `version` changes (the case page saw the case move). Polling
 * stops when the component unmounts or everything is settled.
 */
export function useCaseAnswers(reference: string, accessCode: string | undefined, version: string) {
  const [answers, setAnswers] = useState<SignedAnswer[]>([]);
  const [error, setError] = useState<unknown>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the signal to load again.
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let waiting = false;

    async function load() {
      try {
        const loaded = (await loadCaseAnswers(reference, accessCode, controller.signal)).answers;
        setAnswers(loaded);
        setError(undefined);
        waiting = needsPolling(loaded);
      } catch (caught) {
        if (controller.signal.aborted) return;
        if (isApiError(caught) && NOTHING_TO_SHOW.has(caught.code)) {
          setAnswers([]);
          waiting = false;
        } else setError(caught);
      }
      // A failed request while a letter is being signed is retried: the network may come back.
      if (waiting && !controller.signal.aborted) timer = setTimeout(() => void load(), ANSWER_POLL_MS);
    }

    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [reference, accessCode, version]);

  return { answers, error };
}
