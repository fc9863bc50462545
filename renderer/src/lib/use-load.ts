import { useCallback, useEffect, useRef, useState } from 'react';
import type { MedAdminApi } from '../../../preload/contract';
import type { Result } from '../../../preload/contract/errors';
import { request } from '../api/request';

interface Loaded<T> {
  data: T | null;
  /** main's message when the load was refused for a reason this page should show. */
  message: string | null;
  reload(): Promise<void>;
}

/** Reads something from main when the page opens, and again on reload(). */
export function useLoad<T>(call: (api: MedAdminApi) => Promise<Result<T>>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // what a page reads is fixed for its lifetime; the function object is new on every render
  const callRef = useRef(call);

  const reload = useCallback(async () => {
    const outcome = await request(callRef.current);
    if (outcome.ok) {
      setData(outcome.value);
      setMessage(null);
    } else setMessage(outcome.error.message);
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, message, reload };
}
