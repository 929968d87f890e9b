import { useTranslation } from 'react-i18next';

/** A progress bar for {phase, done, total}, with a cancel button while the work can be stopped. */
export function JobProgress({ label, progress, onCancel }: { label: string; progress: { phase: string; done: number; total: number }; onCancel?: () => void }) {
  const { t } = useTranslation();
  const percent = progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0;
  return (
    <div className="controls" role="status" data-testid="job-progress" data-phase={progress.phase}>
      <span>
        {label} · {progress.phase}
      </span>
      <progress max={Math.max(progress.total, 1)} value={progress.done} aria-label={label} />
      <span>
        {progress.done}/{progress.total} ({percent}%)
      </span>
      {onCancel && (
        <button type="button" name="cancel-job" onClick={onCancel}>
          {t('release.job.cancel')}
        </button>
      )}
    </div>
  );
}
