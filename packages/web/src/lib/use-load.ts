import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { translateProblem } from './form-errors.ts';

/** Something loaded from the API, with its loading and error states and a way to reload it. */
export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  isLoading: boolean;
  reload: () => Promise<void>;
}

/** Loads once on mount (and again when `load` changes); a failure becomes a translated message. */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const { t } = useTranslation();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [isLoading, setIsLoading] = useState(true);
  const reload = useCallback(async () => {
    setIsLoading(true);
    try {
      setData(await load());
      setError(undefined);
    } catch (caught) {
      setError(translateProblem(caught, t));
    } finally {
      setIsLoading(false);
    }
  }, [load, t]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, isLoading, reload };
}
