import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useState } from 'react';

const SPEED = 0.5;
const BUTTONS = [
  { key: 'up', label: '▲', v: { pan: 0, tilt: SPEED, zoom: 0 } },
  { key: 'left', label: '◀', v: { pan: -SPEED, tilt: 0, zoom: 0 } },
  { key: 'right', label: '▶', v: { pan: SPEED, tilt: 0, zoom: 0 } },
  { key: 'down', label: '▼', v: { pan: 0, tilt: -SPEED, zoom: 0 } },
  { key: 'zoomIn', label: '+', v: { pan: 0, tilt: 0, zoom: SPEED } },
  { key: 'zoomOut', label: '−', v: { pan: 0, tilt: 0, zoom: -SPEED } },
] as const;

/** Press and hold to move (pan, tilt, zoom), release to stop; the presets to go to. Shown for PTZ cameras. */
export function PtzPad({ cameraId }: { cameraId: string }) {
  const { t } = useTranslation();
  const params = { params: { path: { id: cameraId } } };
  const presets = useAsync(() => ok(http.GET('/api/cameras/{id}/ptz/presets', params)), [cameraId]);
  const [error, setError] = useState<unknown>();
  const run = (call: () => Promise<unknown>) => {
    setError(undefined);
    call().catch((caught: unknown) => setError(caught));
  };
  const move = (v: { pan: number; tilt: number; zoom: number }) => run(() => ok(http.POST('/api/cameras/{id}/ptz/move', { ...params, body: v })));
  const stop = () => run(() => ok(http.POST('/api/cameras/{id}/ptz/stop', params)));
  return (
    <div className="card ptz" data-testid="ptz-pad">
      <h3>{t('ptz.title')}</h3>
      <p className="muted">{t('ptz.registered')}</p>
      <div className="ptz-buttons">
        {BUTTONS.map((b) => (
          <button key={b.key} type="button" name={`ptz-${b.key}`} title={t(`ptz.${b.key}`)} aria-label={t(`ptz.${b.key}`)} onPointerDown={() => move(b.v)} onPointerUp={stop} onPointerLeave={(e) => e.buttons > 0 && stop()}>
            {b.label}
          </button>
        ))}
      </div>
      {presets.data && presets.data.length > 0 && (
        <div>
          <h4>{t('ptz.presets')}</h4>
          <ul>
            {presets.data.map((p) => (
              <li key={p.token}>
                {p.name ?? p.token}{' '}
                <button type="button" name="preset-goto" onClick={() => run(() => ok(http.POST('/api/cameras/{id}/ptz/presets/{token}/goto', { params: { path: { id: cameraId, token: p.token } }, body: {} })))}>
                  {t('ptz.goto')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ErrorText error={error ?? presets.error} />
    </div>
  );
}
