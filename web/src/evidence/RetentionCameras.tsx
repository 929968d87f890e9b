import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type BodyOf, type ResponseOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { bytes, cameraName, shanghai, useCameras, useForm } from './common.ts';

type Status = ResponseOf<'/api/retention/status'>[number];
type Settings = BodyOf<'/api/retention/cameras/{id}', 'put'>;
const BASES = ['LAW', 'ADMIN_REGULATION', 'LOCAL_REGULATION', 'STANDARD', 'CONTRACT', 'UNIT_CHOICE'] as const;
const PRIORITIES = ['HIGH', 'NORMAL', 'LOW'] as const;

/** Retention per camera (art. 17): days kept, the 30-day floor, the basis of a longer one, and where the oldest footage stands. */
export function RetentionCameras({ mayChange }: { mayChange: boolean }) {
  const { t } = useTranslation();
  const status = useAsync(() => ok(http.GET('/api/retention/status')), []);
  const cameras = useCameras();
  const [editing, setEditing] = useState<string>();
  return (
    <>
      <p className="muted">{t('retention.cameras.explain')}</p>
      <ErrorText error={status.error} />
      <table data-testid="retention-cameras">
        <thead>
          <tr>
            <th>{t('evidence.camera')}</th>
            <th>{t('retention.cameras.days')}</th>
            <th>{t('retention.cameras.floor')}</th>
            <th>{t('retention.cameras.basis')}</th>
            <th>{t('retention.cameras.priority')}</th>
            <th>{t('retention.cameras.stored')}</th>
            <th>{t('retention.cameras.oldest')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {status.data?.map((s) => (
            <tr key={s.cameraId} data-camera={s.cameraId}>
              <td>{cameraName(cameras.data, s.cameraId)}</td>
              <td data-testid="retention-days">{t('retention.daysN', { count: s.settings.retentionDays })}</td>
              <td>{s.settings.floorDays === null ? t('retention.cameras.noFloor') : t('retention.daysN', { count: s.settings.floorDays })}</td>
              <td>
                {s.settings.basisType ? enumLabel(t, 'retentionBasis', s.settings.basisType) : t('app.none')}
                {s.settings.citation && <div className="muted">{s.settings.citation}</div>}
                {s.settings.statutoryException && <div className="muted">{t('retention.cameras.statutory')}</div>}
                {s.settings.legalReviewRequired && <div className="error">{t('retention.cameras.legalReview')}</div>}
              </td>
              <td>{enumLabel(t, 'cameraPriority', s.settings.priority)}</td>
              <td>
                {t('retention.cameras.segments', { count: s.segments })} · {bytes(s.bytes)}
                {s.suspended && <div className="error">{t('retention.cameras.suspended')}</div>}
              </td>
              <td>
                {s.oldest ? (
                  <>
                    {shanghai(s.oldest.startAt)}
                    <div className="muted">
                      {enumLabel(t, 'oldestState', s.oldest.state)} · {t('retention.cameras.eligibleAt', { at: shanghai(s.oldest.eligibleAt) })}
                    </div>
                  </>
                ) : (
                  t('app.none')
                )}
              </td>
              <td>
                {mayChange && (
                  <button type="button" name="edit-retention" onClick={() => setEditing(editing === s.cameraId ? undefined : s.cameraId)}>
                    {t('app.edit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && status.data && (
        <SettingsForm
          key={editing}
          status={status.data.find((s) => s.cameraId === editing) as Status}
          name={cameraName(cameras.data, editing)}
          onSaved={() => {
            setEditing(undefined);
            status.reload();
          }}
        />
      )}
    </>
  );
}

function SettingsForm({ status, name, onSaved }: { status: Status; name: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const s = status.settings;
  const form = useForm({ days: String(s.retentionDays), priority: s.priority, basisType: s.basisType ?? '', citation: s.citation ?? '', reason: '' }, async (f) => {
    const body: Settings = {
      retentionDays: Number(f.days),
      priority: f.priority,
      basisType: (f.basisType || null) as Settings['basisType'],
      citation: f.citation.trim() || null,
      ...(f.reason.trim() ? { reason: f.reason.trim() } : {}),
    };
    await ok(http.PUT('/api/retention/cameras/{id}', { params: { path: { id: status.cameraId } }, body }));
    onSaved();
  });
  const below = s.floorDays !== null && Number(form.fields.days) < s.floorDays;
  return (
    // noValidate: a value under the floor goes to the server, whose refusal (art. 17) is shown as it gives it.
    <form className="stack card" aria-label="retention-settings" noValidate onSubmit={form.submit}>
      <h3>{t('retention.cameras.editTitle', { name })}</h3>
      <label>
        {t('retention.cameras.days')}
        <input type="number" {...form.input('days')} min={s.floorDays ?? 1} max={3650} />
        {s.floorDays !== null && <span className={below ? 'error' : 'muted'}>{t('retention.cameras.floorHint', { days: s.floorDays })}</span>}
      </label>
      <label>
        {t('retention.cameras.basis')}
        <select {...form.input('basisType')}>
          <option value="">{t('app.none')}</option>
          {BASES.map((b) => (
            <option key={b} value={b}>
              {enumLabel(t, 'retentionBasis', b)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('retention.cameras.citation')}
        <input {...form.input('citation')} />
      </label>
      <label>
        {t('retention.cameras.priority')}
        <select {...form.input('priority')}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {enumLabel(t, 'cameraPriority', p)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('retention.reason')}
        <input {...form.input('reason')} />
      </label>
      <div className="controls">
        <button type="submit" disabled={form.busy}>
          {t('app.save')}
        </button>
      </div>
      <ErrorText error={form.error} />
    </form>
  );
}
