/**
 * One release and its redaction job, polled while work runs (detection, rendering), with the job
 * replaced by each edit's answer so the editor shows what the server stored.
 */
import { useCallback, useEffect, useState } from 'react';
import { http, ok } from '../../api/http.ts';
import { ApiError } from '../../api/client.ts';
import { RENDERING, RUNNING, type Job, type ReleaseDetail, type RenderJob } from './types.ts';

const POLL_MS = 500;

export function useRelease(id: string) {
  const [release, setRelease] = useState<ReleaseDetail>();
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<unknown>();
  const [render, setRender] = useState<RenderJob>();

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

  const loadRender = useCallback(async () => {
    const next = await ok(http.GET('/api/releases/{id}/render', { params: { path: { id } } }));
    setRender(next);
    // The render ended: the release as stored now (published, or still approved).
    if (!RENDERING(next)) await loadRelease();
  }, [id, loadRelease]);

  // A render already under way when the page opens (another tab, a reload) is followed too.
  const renderingNow = release?.rendering != null;
  useEffect(() => {
    if (renderingNow && !render) void loadRender().catch(setError);
  }, [renderingNow, render, loadRender]);

  // Render progress, until the job ends.
  useEffect(() => {
    if (!RENDERING(render)) return;
    const timer = setTimeout(() => void loadRender().catch(setError), POLL_MS);
    return () => clearTimeout(timer);
  }, [render, loadRender]);

  return { release, job, setJob, error, setError, reload, loadRelease, render, setRender };
}
