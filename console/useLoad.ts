/** Loads data for a page: the value, a loading flag, the error as an ApiError, and reload. */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api';

export interface Loaded<T> {
  readonly value: T | null;
  readonly loading: boolean;
  readonly error: ApiError | null;
  reload(): void;
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'other', 'error.other', { status: 0 });
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [round, setRound] = useState(0);
  const run = useCallback(load, deps);
  useEffect(() => {
    let current = true;
    setLoading(true);
    run()
      .then((loaded) => {
        if (!current) return;
        setValue(loaded);
        setError(null);
      })
      .catch((failure: unknown) => current && setError(asApiError(failure)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [run, round]);
  return { value, loading, error, reload: () => setRound((r) => r + 1) };
}
