import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type BodyOf, type ResponseOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { cameraName, fromLocalInput, shanghai, useAction, useCameras, useForm } from './common.ts';
import { RangeFields } from './RangeFields.tsx';

type Hold = ResponseOf<'/api/retention/holds'>[number];
const BASES = ['LAW', 'ADMIN_REGULATION', 'STATE_ORGAN_REQUEST', 'INCIDENT', 'LITIGATION', 'OTHER'] as const;

/** Legal holds (REG-17-5): footage kept past its retention on a stated basis, reviewed by a date, released with a reason. */
export function Holds({ mayChange }: { mayChange: boolean }) {
  const { t } = useTranslation();
  const [showReleased, setShowReleased] = useState(false);
  const holds = useAsync(() => ok(http.GET('/api/retention/holds', { params: { query: showReleased ? {} : { active: 'true' } } })), [showReleased]);
  const cameras = useCameras();
  const action = useAction(holds.reload);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [reviews, setReviews] = useState<Record<string, string>>({});
  const create = useForm({ basisType: 'STATE_ORGAN_REQUEST', citation: '', owner: '', reviewAt: '', cameraId: '', from: '', to: '', reason: '' }, async (f) => {
    const body: BodyOf<'/api/retention/holds'> = {
      basisType: f.basisType as (typeof BASES)[number],
      citation: f.citation,
      owner: f.owner,
      ...(fromLocalInput(f.reviewAt) ? { reviewAt: fromLocalInput(f.reviewAt) } : {}),
      ranges: [{ cameraId: f.cameraId || cameras.data?.[0]?.id || '', from: fromLocalInput(f.from) ?? null, to: fromLocalInput(f.to) ?? null }],
      ...(f.reason.trim() ? { reason: f.reason.trim() } : {}),
    };
    await ok(http.POST('/api/retention/holds', { body }));
    holds.reload();
  });
  const release = (h: Hold) => action.run(() => ok(http.POST('/api/retention/holds/{id}/release', { params: { path: { id: h.id } }, body: { reason: reasons[h.id] ?? '' } })));
  const review = (h: Hold) =>
    action.run(() => {
      const reviewAt = fromLocalInput(reviews[h.id] ?? '');
      return ok(http.POST('/api/retention/holds/{id}/review', { params: { path: { id: h.id } }, body: reviewAt ? { reviewAt } : {} }));
    });
  return (
    <>
      <p className="muted">{t('retention.holds.explain')}</p>
      <label style={{ display: 'flex', gap: '0.4rem', alignItems: 'center' }}>
        <input type="checkbox" checked={showReleased} onChange={(e) => setShowReleased(e.target.checked)} /> {t('retention.holds.showReleased')}
      </label>
      <ErrorText error={holds.error ?? action.error} />
      <table data-testid="holds">
        <thead>
          <tr>
            <th>{t('retention.holds.basis')}</th>
            <th>{t('retention.holds.owner')}</th>
            <th>{t('evidence.range')}</th>
            <th>{t('retention.holds.review')}</th>
            <th>{t('retention.holds.state')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {holds.data?.map((h) => (
            <tr key={h.id} data-hold={h.id} data-released={String(h.releasedAt !== null)}>
              <td>
                {enumLabel(t, 'holdBasis', h.basisType)}
                <div className="muted">{h.citation}</div>
              </td>
              <td>
                {h.owner}
                <div className="muted">
                  {h.createdBy} · {shanghai(h.createdAt)}
                </div>
              </td>
              <td>
                {h.ranges.map((r, i) => (
                  <div key={i}>
                    {cameraName(cameras.data, r.cameraId)}: {r.from ? shanghai(r.from) : '…'} – {r.to ? shanghai(r.to) : '…'}
                  </div>
                ))}
              </td>
              <td className={h.reviewOverdue ? 'error' : ''}>
                {shanghai(h.reviewAt)}
                {h.reviewOverdue && <div>{t('retention.holds.overdue')}</div>}
              </td>
              <td>
                {h.releasedAt ? (
                  <>
                    {t('retention.holds.released', { at: shanghai(h.releasedAt), by: h.releasedBy ?? '' })}
                    <div className="muted">{h.releaseReason}</div>
                  </>
                ) : (
                  <strong>{t('retention.holds.active')}</strong>
                )}
              </td>
              <td>
                {mayChange && !h.releasedAt && (
                  <div className="stack">
                    <div className="controls">
                      <input type="datetime-local" step={1} aria-label={t('retention.holds.nextReview')} value={reviews[h.id] ?? ''} onChange={(e) => setReviews((r) => ({ ...r, [h.id]: e.target.value }))} />
                      <button type="button" name="review" disabled={action.busy} onClick={() => review(h)}>
                        {t('retention.holds.reviewed')}
                      </button>
                    </div>
                    <div className="controls">
                      <input name="releaseReason" placeholder={t('retention.holds.releaseReason')} value={reasons[h.id] ?? ''} onChange={(e) => setReasons((r) => ({ ...r, [h.id]: e.target.value }))} />
                      <button type="button" name="release" disabled={action.busy || !(reasons[h.id] ?? '').trim()} onClick={() => release(h)}>
                        {t('retention.holds.release')}
                      </button>
                    </div>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {holds.data?.length === 0 && <p className="muted">{t('retention.holds.empty')}</p>}
      {mayChange && (
        <form className="stack card" aria-label="hold" onSubmit={create.submit}>
          <h3>{t('retention.holds.create')}</h3>
          <label>
            {t('retention.holds.basis')}
            <select {...create.input('basisType')}>
              {BASES.map((b) => (
                <option key={b} value={b}>
                  {enumLabel(t, 'holdBasis', b)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('retention.holds.citation')}
            <input {...create.input('citation')} required />
          </label>
          <label>
            {t('retention.holds.owner')}
            <input {...create.input('owner')} required />
          </label>
          <RangeFields cameras={cameras.data} camera={create.input('cameraId')} from={create.input('from')} to={create.input('to')} />
          <label>
            {t('retention.holds.reviewBy')}
            <input type="datetime-local" step={1} {...create.input('reviewAt')} />
            <span className="muted">{t('retention.holds.reviewDefault')}</span>
          </label>
          <label>
            {t('retention.reason')}
            <input {...create.input('reason')} />
          </label>
          <div className="controls">
            <button type="submit" disabled={create.busy}>
              {t('retention.holds.submit')}
            </button>
          </div>
          <ErrorText error={create.error} />
        </form>
      )}
    </>
  );
}
