import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type ResponseOf } from '../../api/http.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { fromLocalInput, shanghai, useAction } from '../../evidence/common.ts';
import { downloadBundle, openReceipt, readScan } from './files.ts';

type Handover = ResponseOf<'/api/state-organ-requests/{id}/handovers'>[number];
const MARKINGS = ['机密', '秘密', '绝密', '内部'] as const;

interface Part {
  cameraIds: string[];
  from: string;
  to: string;
}

/** The scope as bundles: the cameras sharing each time range (one bundle covers one range). */
export function partsOf(scope: readonly { cameraId: string; from: string; to: string }[]): Part[] {
  const parts = new Map<string, Part>();
  for (const s of scope) {
    const key = `${s.from}|${s.to}`;
    const part = parts.get(key) ?? { cameraIds: [], from: s.from, to: s.to };
    if (!part.cameraIds.includes(s.cameraId)) part.cameraIds.push(s.cameraId);
    parts.set(key, part);
  }
  return [...parts.values()];
}

/** REG-20-3: build and hand over the bundle, print the receipt, record the officer's signature. */
export function Handovers({ requestId, scope, mayHandOver }: { requestId: string; scope: { cameraId: string; from: string; to: string }[]; mayHandOver: boolean }) {
  const { t } = useTranslation();
  const list = useAsync(() => ok(http.GET('/api/state-organ-requests/{id}/handovers', { params: { path: { id: requestId } } })), [requestId]);
  const action = useAction(list.reload);
  const [marking, setMarking] = useState<(typeof MARKINGS)[number]>('机密');
  const parts = partsOf(scope);
  const [partIndex, setPartIndex] = useState(0);

  const handOver = () =>
    action.run(() => ok(http.POST('/api/state-organ-requests/{id}/handovers', { params: { path: { id: requestId } }, body: { marking, ...(parts[partIndex] ? { part: parts[partIndex] } : {}) } })));

  return (
    <div className="stack" data-testid={`handovers-${requestId}`}>
      <strong>{t('stateOrgan.handovers')}</strong>
      {mayHandOver && (
        <div className="controls">
          <label>
            {t('stateOrgan.marking')}
            <select name="marking" value={marking} onChange={(e) => setMarking(e.target.value as (typeof MARKINGS)[number])}>
              {MARKINGS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          {parts.length > 1 && (
            <label>
              {t('stateOrgan.part')}
              <select name="part" value={partIndex} onChange={(e) => setPartIndex(Number(e.target.value))}>
                {parts.map((p, i) => (
                  <option key={i} value={i}>
                    {shanghai(p.from)} – {shanghai(p.to)} ({p.cameraIds.length})
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" name="handover" disabled={action.busy} onClick={() => void handOver()}>
            {t('stateOrgan.handOver')}
          </button>
        </div>
      )}
      <ErrorText error={list.error ?? action.error} />
      {list.data?.map((h) => <HandoverRow key={h.id} requestId={requestId} handover={h} mayHandOver={mayHandOver} onSigned={list.reload} />)}
    </div>
  );
}

function HandoverRow({ requestId, handover: h, mayHandOver, onSigned }: { requestId: string; handover: Handover; mayHandOver: boolean; onSigned: () => void }) {
  const { t } = useTranslation();
  const action = useAction(onSigned);
  const [signedBy, setSignedBy] = useState(h.recipients[0]?.name ?? '');
  const [signedAt, setSignedAt] = useState('');
  const [scan, setScan] = useState<File | null>(null);

  const sign = () =>
    action.run(async () => {
      const receipt = scan ? await readScan(scan) : undefined;
      const at = fromLocalInput(signedAt);
      await ok(http.POST('/api/state-organ-requests/{id}/handovers/{hid}/signature', { params: { path: { id: requestId, hid: h.id } }, body: { signedBy, ...(at ? { signedAt: at } : {}), ...(receipt ? { receipt } : {}) } }));
    });

  return (
    <div className="card" data-handover={h.id} data-signed={String(h.signedBy !== null)}>
      <div>
        {shanghai(h.handedOverAt)} · {h.handedOverByName} → {h.organName} · {h.marking}
      </div>
      <div>
        {t('stateOrgan.recipients')}: {h.recipients.map((o) => `${o.name}(${o.credentialNumber})`).join('、')}
      </div>
      <div className="muted" data-testid="handover-sha256">
        {t('stateOrgan.sha256')}: <code>{h.bundleSha256}</code>
      </div>
      <div className="controls">
        {mayHandOver && (
          <button type="button" name="bundle" disabled={action.busy} onClick={() => void action.run(() => downloadBundle(requestId, h.id))}>
            {t('stateOrgan.bundle')}
          </button>
        )}
        <button type="button" name="receipt" disabled={action.busy} onClick={() => void action.run(() => openReceipt(requestId, h.id))}>
          {t('stateOrgan.receipt')}
        </button>
      </div>
      {h.signedBy && h.signedAt ? (
        <div data-testid="signed">{t('stateOrgan.signed', { name: h.signedBy, at: shanghai(h.signedAt) })}</div>
      ) : (
        <div className="muted">{t('stateOrgan.unsigned')}</div>
      )}
      {!h.signedBy && mayHandOver && (
        <form className="controls" aria-label="signature" onSubmit={(e) => (e.preventDefault(), void sign())}>
          <input name="signedBy" aria-label={t('stateOrgan.signedBy')} placeholder={t('stateOrgan.signedBy')} value={signedBy} required onChange={(e) => setSignedBy(e.target.value)} />
          <input type="datetime-local" step={1} name="signedAt" aria-label={t('stateOrgan.signedAt')} value={signedAt} onChange={(e) => setSignedAt(e.target.value)} />
          <label>
            {t('stateOrgan.receiptScan')}
            <input type="file" name="receiptScan" accept="application/pdf,image/*" onChange={(e) => setScan(e.target.files?.[0] ?? null)} />
          </label>
          <button type="submit" disabled={action.busy}>
            {t('stateOrgan.recordSignature')}
          </button>
        </form>
      )}
      <ErrorText error={action.error} />
    </div>
  );
}
