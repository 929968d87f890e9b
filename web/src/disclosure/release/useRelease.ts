/**
 * One release and its redaction job, polled while work runs (detection, rendering), with the job
 * replaced by each edit's answer so the editor shows what the server stored.
 */
import { useCallback, useEffect, useState } from 'react';
import { http, ok } from '../../api/http.ts';
import { ApiError } from '../../api/client.ts';
import { RUNNING, type Job, type ReleaseDetail } from './types.ts';

const POLL_MS = 500;

export function useRelease(id: string) {
  const [release, setRelease] = useState<ReleaseDetail>();
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<unknown>();
  const [publishing, setPublishing] = useState(false);

  const loadRelease = useCallback(async () => {
    const next = await ok(http.GET('/api/releases/{id}', { params: { path: { id } } }));
    setRelease(next);
    return next;
  }, [id]);

  const loadJob = useCallback(async () => {
    try {
      setJob(await ok(http.GET('/api/releases/{id}/job', { params: { path: { id } } })));
    } catch (e) {
      // No job yet, or no REDACT on the camera (an approver reads the release only).
      if (e instanceof ApiError && (e.status === 409 || e.status === 403)) setJob(undefined);
      else throw e;
    }
  }, [id]);

  const reload = useCallback(() => {
    void Promise.all([loadRelease(), loadJob()]).catch(setError);
  }, [loadRelease, loadJob]);

  useEffect(reload, [reload]);

  // Detection progress, until the job ends.
  useEffect(() => {
    if (!RUNNING(job)) return;
    const timer = setTimeout(() => void loadJob().catch(setError), POLL_MS);
    return () => clearTimeout(timer);
  }, [job, loadJob]);

  // Rendering progress, while the publish request is out.
  useEffect(() => {
    if (!publishing) return;
    const timer = setInterval(() => void loadRelease().catch(() => undefined), POLL_MS);
    return () => clearInterval(timer);
  }, [publishing, loadRelease]);

  return { release, job, setJob, error, setError, reload, loadRelease, publishing, setPublishing };
}
