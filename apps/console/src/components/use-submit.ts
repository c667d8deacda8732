import { useCallback, useRef, useState, type FormEvent } from 'react';

/**
 * A form's submission: `submit` runs `action` (the event's default prevented), `busy` while it runs,
 * and keeps what it threw in `error` (cleared at the next try) for the form to show.
 */
export function useSubmit(action: () => Promise<void>) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(action);
  latest.current = action;
  const submit = useCallback(async (e?: FormEvent) => {
    e?.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await latest.current();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, []);
  return { submit, busy, error, setError };
}
