import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useCreateForm.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { legalDateTimeIn } from '../lib/legal-time.ts';

const SENSITIVITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
type Sensitivity = (typeof SENSITIVITIES)[number];

/** The camera's tamper detection (art. 23(2)): state per kind, on/off and sensitivity, re-learn with a reason, its history. */
export function TamperPanel({ cameraId }: { cameraId: string }) {
  const { t, i18n } = useTranslation();
  const path = { params: { path: { id: cameraId } } };
  const view = useAsync(() => ok(http.GET('/api/cameras/{id}/tamper', path)), [cameraId]);
  const history = useAsync(() => ok(http.GET('/api/cameras/{id}/tamper/history', path)), [cameraId]);
  const [enabled, setEnabled] = useState(true);
  const [sensitivity, setSensitivity] = useState<Sensitivity>('MEDIUM');
  const [saved, setSaved] = useState(false);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const save = useAction();
  const relearn = useAction();
  const at = (iso: string | null) => legalDateTimeIn(iso, i18n.language);

  useEffect(() => {
    if (!view.data) return;
    setEnabled(view.data.enabled);
    setSensitivity(view.data.sensitivity);
  }, [view.data]);

  const submitSettings = () => {
    setSaved(false);
    void save.run(() => ok(http.PUT('/api/cameras/{id}/tamper', { ...path, body: { enabled, sensitivity } })), () => {
      setSaved(true);
      view.reload();
    });
  };
  const submitRelearn = () =>
    void relearn.run(() => ok(http.POST('/api/cameras/{id}/tamper/relearn', { ...path, body: { reason } })), () => {
      setAsking(false);
      setReason('');
      view.reload();
      history.reload();
    });

  const data = view.data;
  return (
    <section className="card" data-testid="tamper-panel">
      <h3>{t('tamper.title')}</h3>
      <p className="muted">{t('tamper.explain')}</p>
      <ErrorText error={view.error} />
      {data && (
        <>
          <p>{data.learnedAt ? t('tamper.learnedAt', { at: at(data.learnedAt) }) : t('tamper.learning')}</p>
          <table aria-label={t('tamper.state')}>
            <tbody>
              {data.kinds.map((k) => (
                <tr key={k.kind} data-kind={k.kind} className={k.active ? 'error' : undefined}>
                  <th scope="row">{t(`tamper.kinds.${k.kind}`)}</th>
                  <td>{k.active ? t('tamper.since', { at: at(k.since) }) : t('tamper.ok')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form
            className="stack"
            aria-label={t('tamper.title')}
            onSubmit={(e) => {
              e.preventDefault();
              submitSettings();
            }}
          >
            <label>
              <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t('tamper.enabled')}
            </label>
            <label>
              {t('tamper.sensitivity')}{' '}
              <select value={sensitivity} onChange={(e) => setSensitivity(e.target.value as Sensitivity)}>
                {SENSITIVITIES.map((s) => (
                  <option key={s} value={s}>
                    {t(`tamper.sensitivities.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={save.busy}>
              {t('tamper.save')}
            </button>
          </form>
          {saved && <p role="status">{t('tamper.saved')}</p>}
          <ErrorText error={save.error} />
          <p>
            <button type="button" onClick={() => setAsking(true)} disabled={asking}>
              {t('tamper.relearn')}
            </button>
          </p>
          {asking && (
            <div role="dialog" aria-label={t('tamper.relearnTitle')} className="card">
              <h4>{t('tamper.relearnTitle')}</h4>
              <p className="muted">{t('tamper.relearnHint')}</p>
              <label>
                {t('tamper.reason')}
                <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
              </label>
              <p>
                <button type="button" onClick={submitRelearn} disabled={relearn.busy || [...reason.trim()].length < 10}>
                  {t('tamper.confirm')}
                </button>{' '}
                <button type="button" onClick={() => setAsking(false)}>
                  {t('tamper.cancel')}
                </button>
              </p>
              <ErrorText error={relearn.error} />
            </div>
          )}
        </>
      )}
      <h4>{t('tamper.history')}</h4>
      <ErrorText error={history.error} />
      {history.data && history.data.length === 0 && <p className="muted">{t('tamper.noHistory')}</p>}
      {history.data && history.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('tamper.col.at')}</th>
              <th>{t('tamper.col.who')}</th>
              <th>{t('tamper.col.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((h) => (
              <tr key={h.id}>
                <td>{at(h.at)}</td>
                <td>{h.userName}</td>
                <td>{h.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
