import { useEffect, useState } from 'react';
import { http, ok } from '../api/http.ts';
import type { RecordingStatus } from '../api/types.ts';

/** The recorders' status (for each tile's recording dot), refreshed every `everyMs`. */
export function useRecordingStatus(everyMs = 5_000): RecordingStatus[] | undefined {
  const [status, setStatus] = useState<RecordingStatus[]>();
  useEffect(() => {
    let stopped = false;
    const load = async () => {
      // The route declares no response schema: its answer is read as the recorder status it is.
      const answer = (await ok(http.GET('/api/recording/status'))) as unknown as { cameras: RecordingStatus[] };
      if (!stopped) setStatus(answer.cameras);
    };
    void load().catch(() => undefined);
    const timer = setInterval(() => void load().catch(() => undefined), everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [everyMs]);
  return status;
}
