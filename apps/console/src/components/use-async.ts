import { useCallback, useEffect, useRef, useState } from 'react';

/** Runs `load` when `deps` change; keeps the last data while reloading; `reload` runs it again. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const run = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const loader = useCallback(load, deps);
  const reload = useCallback(async () => {
    const id = ++run.current;
    setLoading(true);
    try {
      const d = await loader();
      if (id === run.current) {
        setData(d);
        setError(null);
      }
    } catch (e) {
      if (id === run.current) setError(e);
    } finally {
      if (id === run.current) setLoading(false);
    }
  }, [loader]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload, setData };
}
