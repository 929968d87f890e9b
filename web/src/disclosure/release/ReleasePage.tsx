import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../../api/http.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { enumLabel } from '../../i18n/enum-label.ts';
import { legalDateTime } from '../../lib/legal-time.ts';
import { cameraName, useCameras } from '../../evidence/common.ts';
import { JobProgress } from './JobProgress.tsx';
import { RedactionEditor } from './RedactionEditor.tsx';
import { ReleaseRecord } from './ReleaseRecord.tsx';
import { RENDERING, RUNNING } from './types.ts';
import { useRelease } from './useRelease.ts';

/**
 * One public release from request to publication (art. 22): the redaction job with its progress and
 * cancel, the editor, the reviewer's sign-off, another person's approval, publication with the
 * render job's progress and cancel, then the record with the released file's hash.
 */
export function ReleasePage({ id, userId, actions }: { id: string; userId: string; actions: string[] }) {
  const { t } = useTranslation();
  const { release, job, setJob, error, setError, reload, render, setRender } = useRelease(id);
  const cameras = useCameras();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  if (!release) return <ErrorText error={error} />;

  const mine = release.requestedBy.userId === userId;
  const draft = release.status === 'DRAFT';
  const mayRedact = actions.includes('REDACT');
  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      reload();
    }
  };
  const path = { params: { path: { id } } };
  const detect = () => run(async () => setJob(await ok(http.POST('/api/releases/{id}/detect', { ...path, body: {} }))));
  const cancel = () => run(async () => setJob(await ok(http.POST('/api/releases/{id}/job/cancel', path))));
  const signOff = () => run(async () => setJob(await ok(http.POST('/api/releases/{id}/sign-off', path))));
  const approve = () => run(() => ok(http.POST('/api/releases/{id}/approve', { ...path, body: note ? { note } : {} })));
  const reject = () => run(() => ok(http.POST('/api/releases/{id}/reject', { ...path, body: note ? { note } : {} })));
  // Publishing starts the render job (202); its progress is polled until it ends, then the record shows.
  const publish = () => run(async () => setRender(await ok(http.POST('/api/releases/{id}/publish', path))));
  const cancelRender = () => run(async () => setRender(await ok(http.POST('/api/releases/{id}/render/cancel', path))));
  const rendering = RENDERING(render);

  return (
    <section className="card" data-release={release.id} data-status={release.status}>
      <h2>
        {t('release.page.title')} · {enumLabel(t, 'releaseStatus', release.status)}
      </h2>
      <p>
        <a href="#/releases">{t('release.page.back')}</a>
      </p>
      <ReleaseRecord release={release} cameraName={cameraName(cameras.data, release.cameraId)} />
      <ErrorText error={error} />

      <h3>{t('release.job.title')}</h3>
      {!job && <p className="muted">{t('release.job.none')}</p>}
      {job && (
        <p data-testid="job-status" data-status={job.status} data-unresolved={job.unresolved}>
          {enumLabel(t, 'redactionJobStatus', job.status)} · {t('release.job.tracks', { count: job.tracks.length })} · {t('release.job.unresolved', { count: job.unresolved })}
          {job.error && <span className="error"> · {job.error}</span>}
          {job.signOff && (
            <span data-testid="sign-off">
              {' '}
              · {t('release.job.signedOff', { name: job.signOff.name, at: legalDateTime(job.signOff.at) })}
            </span>
          )}
        </p>
      )}
      {job && RUNNING(job) && <JobProgress label={t('release.job.detecting')} progress={job.progress} onCancel={() => void cancel()} />}
      {draft && mayRedact && !RUNNING(job) && (
        <button type="button" name="detect" disabled={busy} onClick={() => void detect()}>
          {job ? t('release.job.rerun') : t('release.job.start')}
        </button>
      )}
      {job?.status === 'DONE' && job.clip && <RedactionEditor release={release} job={job} clip={job.clip} locked={!draft || !mayRedact} onJob={setJob} />}
      {draft && job?.status === 'DONE' && mayRedact && !job.signOff && (
        <div className="controls">
          <button type="button" name="sign-off" disabled={busy || job.unresolved > 0} onClick={() => void signOff()}>
            {t('release.job.signOff')}
          </button>
          {job.unresolved > 0 && <span className="muted">{t('release.job.resolveFirst')}</span>}
        </div>
      )}

      {draft && !mine && actions.includes('APPROVE') && (
        <div className="controls">
          <input name="note" aria-label={t('release.page.note')} placeholder={t('release.page.note')} value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="button" name="approve" disabled={busy} onClick={() => void approve()}>
            {t('release.page.approve')}
          </button>
          <button type="button" name="reject" disabled={busy} onClick={() => void reject()}>
            {t('release.page.reject')}
          </button>
        </div>
      )}
      {draft && mine && job?.signOff && <p className="muted">{t('release.page.waitingApproval')}</p>}
      {release.status === 'APPROVED' && render && !rendering && render.status !== 'DONE' && <p className="muted" data-render-status={render.status}>{t('release.page.renderEnded', { status: render.error ?? render.status })}</p>}
      {release.status === 'APPROVED' && mine && !rendering && (
        <button type="button" name="publish" disabled={busy} onClick={() => void publish()}>
          {t('release.page.publish')}
        </button>
      )}
      {rendering && render && <JobProgress label={t('release.page.rendering')} progress={render.progress} {...(mine ? { onCancel: () => void cancelRender() } : {})} />}
    </section>
  );
}
