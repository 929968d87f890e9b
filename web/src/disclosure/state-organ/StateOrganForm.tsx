import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type BodyOf } from '../../api/http.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { go } from '../../hooks/useRoute.ts';
import { enumLabel } from '../../i18n/enum-label.ts';
import { fromLocalInput, useCameras } from '../../evidence/common.ts';
import { readScan } from './files.ts';

type Body = BodyOf<'/api/state-organ-requests'>;
const ORGAN_TYPES = ['PUBLIC_SECURITY', 'STATE_SECURITY', 'PROCURATORATE', 'COURT', 'EMERGENCY_MANAGEMENT', 'OTHER_ADMIN'] as const;
const PURPOSES = ['LAW_ENFORCEMENT_CASE', 'EMERGENCY_RESPONSE', 'OTHER_STATUTORY'] as const;

interface Range {
  cameraId: string;
  from: string;
  to: string;
}

/** REG-20-1: the organ, its officers, purpose and case, the legal-basis document with its scan, and the scope. */
export function StateOrganForm() {
  const { t } = useTranslation();
  const cameras = useCameras();
  const [f, setF] = useState({ organName: '', organType: 'PUBLIC_SECURITY', purpose: 'LAW_ENFORCEMENT_CASE', caseNumber: '', docType: '调取证据通知书', docNumber: '', docDate: '', designatedApprover: '' });
  const [emergency, setEmergency] = useState(false);
  const [officers, setOfficers] = useState([{ name: '', credentialNumber: '' }]);
  const [ranges, setRanges] = useState<Range[]>([{ cameraId: '', from: '', to: '' }]);
  const [scan, setScan] = useState<File | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const field = (key: keyof typeof f) => ({ name: key, value: f[key], onChange: (e: { target: { value: string } }) => setF((x) => ({ ...x, [key]: e.target.value })) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      const document = scan && f.docNumber ? { type: f.docType.trim(), number: f.docNumber.trim(), date: f.docDate, file: await readScan(scan) } : undefined;
      const body: Body = {
        organName: f.organName.trim(),
        organType: f.organType as Body['organType'],
        officers: officers.map((o) => ({ name: o.name.trim(), credentialNumber: o.credentialNumber.trim() })),
        purpose: f.purpose as Body['purpose'],
        caseNumber: f.caseNumber.trim(),
        emergency,
        scope: ranges.map((r) => ({ cameraId: r.cameraId || cameras.data?.[0]?.id || '', from: fromLocalInput(r.from) ?? '', to: fromLocalInput(r.to) ?? '' })),
        ...(document ? { document } : {}),
        ...(f.designatedApprover.trim() ? { designatedApprover: f.designatedApprover.trim() } : {}),
      };
      await ok(http.POST('/api/state-organ-requests', { body }));
      go('state-organ?created=1');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card">
      <h2>{t('stateOrgan.new')}</h2>
      <p className="muted">{t('stateOrgan.explain')}</p>
      <form className="stack" aria-label="state-organ-request" onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>{t('stateOrgan.organ')}</legend>
          <label>
            {t('stateOrgan.organName')}
            <input {...field('organName')} required />
          </label>
          <label>
            {t('stateOrgan.organType')}
            <select {...field('organType')}>
              {ORGAN_TYPES.map((o) => (
                <option key={o} value={o}>
                  {enumLabel(t, 'stateOrganType', o)}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('stateOrgan.officers')}</legend>
          {officers.map((o, i) => (
            <div className="controls" key={i}>
              <input name={`officer-name-${i}`} aria-label={t('stateOrgan.officerName')} placeholder={t('stateOrgan.officerName')} value={o.name} required onChange={(e) => setOfficers((all) => all.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
              <input name={`officer-credential-${i}`} aria-label={t('stateOrgan.credential')} placeholder={t('stateOrgan.credential')} value={o.credentialNumber} required onChange={(e) => setOfficers((all) => all.map((x, j) => (j === i ? { ...x, credentialNumber: e.target.value } : x)))} />
              {officers.length > 1 && (
                <button type="button" onClick={() => setOfficers((all) => all.filter((_, j) => j !== i))}>
                  {t('stateOrgan.remove')}
                </button>
              )}
            </div>
          ))}
          <button type="button" name="add-officer" onClick={() => setOfficers((all) => [...all, { name: '', credentialNumber: '' }])}>
            {t('stateOrgan.addOfficer')}
          </button>
        </fieldset>
        <label>
          {t('stateOrgan.purpose')}
          <select {...field('purpose')}>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {enumLabel(t, 'stateOrganPurpose', p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('stateOrgan.caseNumber')}
          <input {...field('caseNumber')} required />
        </label>
        <label>
          <input type="checkbox" name="emergency" checked={emergency} onChange={(e) => setEmergency(e.target.checked)} /> {t('stateOrgan.emergency')}
        </label>
        <fieldset>
          <legend>{t('stateOrgan.document')}</legend>
          <label>
            {t('stateOrgan.docType')}
            <input {...field('docType')} />
          </label>
          <label>
            {t('stateOrgan.docNumber')}
            <input {...field('docNumber')} />
          </label>
          <label>
            {t('stateOrgan.docDate')}
            <input type="date" {...field('docDate')} />
          </label>
          <label>
            {t('stateOrgan.scan')}
            <input type="file" name="scan" accept="application/pdf,image/*" onChange={(e) => setScan(e.target.files?.[0] ?? null)} />
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('stateOrgan.scope')}</legend>
          {ranges.map((r, i) => {
            const set = (patch: Partial<Range>) => setRanges((all) => all.map((x, j) => (j === i ? { ...x, ...patch } : x)));
            return (
              <div className="controls" key={i}>
                <select name={`scope-camera-${i}`} aria-label={t('evidence.camera')} value={r.cameraId} required onChange={(e) => set({ cameraId: e.target.value })}>
                  <option value="">{t('evidence.pickCamera')}</option>
                  {cameras.data?.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
                <input type="datetime-local" step={1} name={`scope-from-${i}`} aria-label={t('evidence.from')} value={r.from} required onChange={(e) => set({ from: e.target.value })} />
                <input type="datetime-local" step={1} name={`scope-to-${i}`} aria-label={t('evidence.to')} value={r.to} required onChange={(e) => set({ to: e.target.value })} />
                {ranges.length > 1 && (
                  <button type="button" onClick={() => setRanges((all) => all.filter((_, j) => j !== i))}>
                    {t('stateOrgan.remove')}
                  </button>
                )}
              </div>
            );
          })}
          <button type="button" name="add-range" onClick={() => setRanges((all) => [...all, { cameraId: '', from: '', to: '' }])}>
            {t('stateOrgan.addRange')}
          </button>
          <span className="muted">{t('evidence.timesShanghai')}</span>
        </fieldset>
        <label>
          {t('stateOrgan.designatedApprover')}
          <input {...field('designatedApprover')} />
        </label>
        <ErrorText error={error} />
        <button type="submit" disabled={busy}>
          {t('stateOrgan.submit')}
        </button>
      </form>
    </section>
  );
}
