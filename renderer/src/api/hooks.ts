import { useEffect, useState } from 'react';
import type { Status } from '../../../main/api/contract.ts';
import { api, type ApiCallError } from './client.ts';

/** The live status (database, engine, counts), pushed by the core whenever it changes. */
export function useStatus(): { status: Status | null; error: ApiCallError | null } {
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<ApiCallError | null>(null);
  useEffect(
    () =>
      api.subscribe(
        'status.watch',
        {},
        (s) => {
          setStatus(s);
          setError(null);
        },
        setError,
      ),
    [],
  );
  return { status, error };
}
