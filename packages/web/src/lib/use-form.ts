import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorsFromProblem, type FieldMessageOptions, type FormErrors, NO_ERRORS } from './form-errors.ts';

/** The values of a form, one setter per field. */
export function useFields<T extends object>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setValues((previous) => ({ ...previous, [key]: value }));
  }, []);
  return { values, set, setValues };
}

/**
 * Submitting a form: a busy flag, translated errors (from client checks or the API's problem),
 * and focus moved to the first invalid field, or to the summary, when something is wrong.
 */
export function useSubmission(options: FieldMessageOptions = {}) {
  const { t } = useTranslation();
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const formRef = useRef<HTMLFormElement>(null);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => {
    if (!errors.form && Object.keys(errors.fields).length === 0) return;
    const form = formRef.current;
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[role="alert"]');
    target?.focus();
  }, [errors]);

  const handle = useCallback(
    (action: () => Promise<FormErrors | undefined>) => async (event?: FormEvent) => {
      event?.preventDefault();
      setIsSubmitting(true);
      setErrors(NO_ERRORS);
      try {
        const result = await action();
        if (result) setErrors(result);
      } catch (error) {
        setErrors(errorsFromProblem(error, t, optionsRef.current));
      } finally {
        setIsSubmitting(false);
      }
    },
    [t],
  );

  return { isSubmitting, errors, setErrors, handle, formRef };
}
