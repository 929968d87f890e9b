import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../../api/http.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { fromLocalInput, shanghai, toLocalInput, useCameras } from '../../evidence/common.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import type { Art21Request } from './types.ts';

interface Window {
  cameraId: string;
  from: string;
  to: string;
}

const HOUR_MS = 3_600_000;

/** REG-21-2, REG-21-3: consent with cameras × windows (the ±N h hint around the incident), or a reasoned refusal. */
export function Art21Decision({ request, onDone }: { request: Art21Request; onDone: (r: Art21Request) => void }) {
  const { t } = useTranslation();
  const cameras = useCameras();
  const policy = useAsync(() => ok(http.GET('/api/art21-requests/policy')), []);
  const hours = policy.data?.maxWindowHours ?? 2;
  const incident = Date.parse(request.incidentAt);
  const earliest = new Date(incident - hours * HOUR_MS).toISOString();
  const latest = new Date(incident + hours * HOUR_MS).toISOString();
  const [windows, setWindows] = useState<Window[]>([{ cameraId: '', from: toLocalInput(new Date(incident - HOUR_MS / 2).toISOString()), to: toLocalInput(new Date(incident + HOUR_MS / 2).toISOString()) }]);
  const [reason, setReason] = useState('');
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<unknown>();
  const firstCamera = cameras.data?.[0]?.id ?? '';
  const set = (i: number, change: Partial<Window>) => setWindows(windows.map((w, j) => (j === i ? { ...w, ...change } : w)));

  const decide = async (decision: 'APPROVED' | 'REJECTED', event?: FormEvent) => {
    event?.preventDefault();
    setError(undefined);
    try {
      const scope = windows.map((w) => ({ cameraId: w.cameraId || firstCamera, from: fromLocalInput(w.from) ?? '', to: fromLocalInput(w.to) ?? '' }));
      const body = decision === 'APPROVED' ? { decision, scope, ...(reason ? { reason } : {}), ...(justification ? { justification } : {}) } : { decision, reason };
      onDone(await ok(http.POST('/api/art21-requests/{id}/decision', { params: { path: { id: request.id } }, body })));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <form className="stack" onSubmit={(e) => void decide('APPROVED', e)} data-testid="art21-decision">
      <h3>{t('art21.decide.title')}</h3>
      <strong>{t('art21.decide.scope')}</strong>
      <p className="muted" data-testid="art21-scope-hint">
        {t('art21.decide.hint', { hours, from: shanghai(earliest), to: shanghai(latest) })}
      </p>
      {windows.map((w, i) => (
        <div key={i} className="controls" data-window={i}>
          <select name="cameraId" value={w.cameraId || firstCamera} onChange={(e) => set(i, { cameraId: e.target.value })}>
            {cameras.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <input type="datetime-local" step={1} name="from" value={w.from} onChange={(e) => set(i, { from: e.target.value })} />
          <input type="datetime-local" step={1} name="to" value={w.to} onChange={(e) => set(i, { to: e.target.value })} />
          {windows.length > 1 && (
            <button type="button" onClick={() => setWindows(windows.filter((_, j) => j !== i))}>
              {t('art21.decide.remove')}
            </button>
          )}
        </div>
      ))}
      <button type="button" onClick={() => setWindows([...windows, { ...windows[windows.length - 1]! }])}>
        {t('art21.decide.addWindow')}
      </button>
      <label>
        {t('art21.decide.justification')}
        <textarea name="justification" value={justification} onChange={(e) => setJustification(e.target.value)} maxLength={2000} />
      </label>
      <label>
        {t('art21.decide.reason')}
        <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
      </label>
      <ErrorText error={error ?? cameras.error} />
      <div className="controls">
        <button type="submit" name="approve">
          {t('art21.decide.approve')}
        </button>
        <button type="button" name="reject" onClick={() => void decide('REJECTED')}>
          {t('art21.decide.reject')}
        </button>
      </div>
    </form>
  );
}
