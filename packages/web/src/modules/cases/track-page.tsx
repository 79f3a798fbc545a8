import type { CitizenCase } from '@epeople/contracts';
import { Alert, Button, Paper, Stack } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { PageLoader } from '../../app/guards.tsx';
import { FormAlert, PageHeader } from '../../app/page.tsx';
import { useSession } from '../../app/session.tsx';
import { translateProblem } from '../../lib/form-errors.ts';
import { useFields, useSubmission } from '../../lib/use-form.ts';
import { CaseLocatorFields, readCaseLocator } from './case-locator-fields.tsx';
import { trackCase } from './cases-api.ts';
import { CitizenCaseView } from './citizen-case-view.tsx';

/** How often an open case page asks for news (and again whenever the tab regains focus). */
const POLL_MS = 30_000;

/**
 * Tracking: with the reference and access code (guests, anonymous reporters), or by the session
 * for the citizen who filed it. The code travels in a header and stays in this page's memory.
 */
export function TrackPage() {
  const { reference } = useParams();
  const location = useLocation();
  const handedCode = (location.state as { accessCode?: unknown } | null)?.accessCode;
  const [accessCode, setAccessCode] = useState(typeof handedCode === 'string' ? handedCode : undefined);
  if (!reference) return <TrackForm onFound={setAccessCode} />;
  return <TrackedCase key={reference} reference={reference} accessCode={accessCode} onCode={setAccessCode} />;
}

function TrackForm({ initialReference = '', onFound }: { initialReference?: string; onFound: (code: string) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { values, set } = useFields({ reference: initialReference, accessCode: '' });
  const { isSubmitting, errors, handle, formRef } = useSubmission();
  const onSubmit = handle(async () => {
    const { locator, errors: missing } = readCaseLocator(values, t);
    if (!locator) return missing;
    const { reference, accessCode: code } = locator;
    await trackCase(reference, code);
    onFound(code);
    navigate(`/track/${encodeURIComponent(reference)}`, { state: { accessCode: code }, replace: true });
    return undefined;
  });
  return (
    <>
      <PageHeader title={t('cases.track.title')} description={t('cases.track.description')} />
      <Paper withBorder p="lg" maw={560}>
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <FormAlert message={errors.form} />
            <CaseLocatorFields values={values} set={set} errors={errors.fields} textsKey="cases.track" />
            <Button type="submit" loading={isSubmitting} data-testid="track-submit">
              {t('cases.track.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </>
  );
}

function TrackedCase({
  reference,
  accessCode,
  onCode,
}: {
  reference: string;
  accessCode: string | undefined;
  onCode: (code: string) => void;
}) {
  const { t } = useTranslation();
  const { isLoading: isSessionLoading } = useSession();
  const [theCase, setCase] = useState<CitizenCase>();
  const [error, setError] = useState<{ status: number; message: string }>();
  const controller = useRef<AbortController>(undefined);

  const load = useCallback(async () => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    try {
      setCase(await trackCase(reference, accessCode, current.signal));
      setError(undefined);
    } catch (caught) {
      if (current.signal.aborted) return;
      const status = (caught as { status?: number }).status ?? 0;
      setError({ status, message: translateProblem(caught, t) });
    }
  }, [reference, accessCode, t]);

  useEffect(() => {
    if (isSessionLoading) return;
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    const onFocus = () => void load();
    window.addEventListener('focus', onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      controller.current?.abort();
    };
  }, [load, isSessionLoading]);

  if (theCase) {
    return (
      <>
        {error ? (
          <Alert color="orange" variant="light" mb="md" role="status">
            {error.message}
          </Alert>
        ) : null}
        <CitizenCaseView theCase={theCase} accessCode={accessCode} onChanged={load} onReplaced={setCase} />
      </>
    );
  }
  // Not the owner and no code yet (or a wrong one): ask for it, the reference already filled in.
  if (error && (error.status === 404 || error.status === 401 || error.status === 403)) {
    return <TrackForm initialReference={reference} onFound={onCode} />;
  }
  if (error) return <FormAlert message={error.message} />;
  return <PageLoader />;
}
