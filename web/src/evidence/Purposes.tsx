import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { cameraName, fromLocalInput, shanghai, useAction, useCameras, useForm } from './common.ts';
import { RangeFields } from './RangeFields.tsx';

const BASES = ['INCIDENT', 'REQUEST', 'COMPLAINT'] as const;
type Basis = (typeof BASES)[number];

/**
 * Purposes (REG-17-4): footage linked to an open incident, request or complaint is kept while the
 * purpose is ongoing; closing the link (or the whole case) lets retention run its course again.
 */
export function Purposes({ mayChange }: { mayChange: boolean }) {
  const { t } = useTranslation();
  const [onlyOpen, setOnlyOpen] = useState(true);
  const purposes = useAsync(() => ok(http.GET('/api/retention/purposes', { params: { query: onlyOpen ? { open: 'true' } : {} } })), [onlyOpen]);
  const cameras = useCameras();
  const action = useAction(purposes.reload);
  const open = useForm({ cameraId: '', from: '', to: '', basisType: 'INCIDENT', ref: '', reason: '' }, async (f) => {
    await ok(
      http.POST('/api/retention/purposes', {
        body: { cameraId: f.cameraId || cameras.data?.[0]?.id || '', from: fromLocalInput(f.from) ?? '', to: fromLocalInput(f.to) ?? '', basisType: f.basisType as Basis, ref: f.ref, ...(f.reason.trim() ? { reason: f.reason.trim() } : {}) },
      }),
    );
    purposes.reload();
  });
  const closeCase = useForm({ basisType: 'INCIDENT', ref: '' }, async (f) => {
    await ok(http.POST('/api/retention/purposes/close-case', { body: { basisType: f.basisType as Basis, ref: f.ref } }));
    purposes.reload();
  });
  const basisSelect = (input: ReturnType<typeof open.input>) => (
    <select {...input}>
      {BASES.map((b) => (
        <option key={b} value={b}>
          {enumLabel(t, 'purposeBasis', b)}
        </option>
      ))}
    </select>
  );
  return (
    <>
      <p className="muted">{t('retention.purposes.explain')}</p>
      <label style={{ display: 'flex', gap: '0.4rem', alignItems: 'center' }}>
        <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} /> {t('retention.purposes.onlyOpen')}
      </label>
      <ErrorText error={purposes.error ?? action.error} />
      <table data-testid="purposes">
        <thead>
          <tr>
            <th>{t('retention.purposes.case')}</th>
            <th>{t('evidence.camera')}</th>
            <th>{t('evidence.range')}</th>
            <th>{t('retention.purposes.state')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {purposes.data?.map((p) => (
            <tr key={p.id} data-purpose={p.id}>
              <td>
                {enumLabel(t, 'purposeBasis', p.basisType)} {p.ref}
                <div className="muted">
                  {p.openedBy} · {shanghai(p.openedAt)}
                </div>
              </td>
              <td>{cameraName(cameras.data, p.cameraId)}</td>
              <td>
                {shanghai(p.fromAt)} – {shanghai(p.toAt)}
              </td>
              <td>
                {enumLabel(t, 'purposeState', p.state)}
                {p.closedAt && (
                  <div className="muted">
                    {p.closedBy} · {shanghai(p.closedAt)}
                  </div>
                )}
              </td>
              <td>
                {mayChange && !p.closedAt && (
                  <button type="button" name="close-purpose" disabled={action.busy} onClick={() => action.run(() => ok(http.POST('/api/retention/purposes/{id}/close', { params: { path: { id: p.id } } })))}>
                    {t('retention.purposes.close')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {purposes.data?.length === 0 && <p className="muted">{t('retention.purposes.empty')}</p>}
      {mayChange && (
        <>
          <form className="stack card" aria-label="purpose" onSubmit={open.submit}>
            <h3>{t('retention.purposes.open')}</h3>
            <label>
              {t('retention.purposes.basis')}
              {basisSelect(open.input('basisType'))}
            </label>
            <label>
              {t('retention.purposes.ref')}
              <input {...open.input('ref')} required />
            </label>
            <RangeFields cameras={cameras.data} camera={open.input('cameraId')} from={open.input('from')} to={open.input('to')} required />
            <label>
              {t('retention.reason')}
              <input {...open.input('reason')} />
            </label>
            <div className="controls">
              <button type="submit" disabled={open.busy}>
                {t('retention.purposes.submit')}
              </button>
            </div>
            <ErrorText error={open.error} />
          </form>
          <form className="inline card" aria-label="close-case" onSubmit={closeCase.submit}>
            <h3>{t('retention.purposes.closeCase')}</h3>
            <p className="muted">{t('retention.purposes.closeCaseExplain')}</p>
            {basisSelect(closeCase.input('basisType'))}
            <input {...closeCase.input('ref')} placeholder={t('retention.purposes.ref')} required />
            <button type="submit" disabled={closeCase.busy}>
              {t('retention.purposes.closeCaseSubmit')}
            </button>
            <ErrorText error={closeCase.error} />
          </form>
        </>
      )}
    </>
  );
}
