import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../api/http.ts';
import { enumLabel } from '../i18n/enum-label.ts';

export type Verification = ResponseOf<'/api/exports/verify', 'post'>;
type Layer = Verification['layers'][number]['layer'];

/** Every layer the verifier checks, in its order (a record, so that a layer added on the server is missed here at compile time). */
const ORDER: Record<Layer, number> = { BUNDLE: 0, MANIFEST_SIGNATURE: 1, SEGMENTS: 2, CHAIN: 3, PROOFS: 4, CHECKPOINT: 5, MP4: 6 };
export const LAYERS = (Object.keys(ORDER) as Layer[]).sort((a, b) => ORDER[a] - ORDER[b]);

/** The verifier's answer, one row per layer: green passed, red failed, grey not reached (checking stops at the first failure). */
export function BundleVerification({ result, fileName }: { result: Verification; fileName?: string }) {
  const { t } = useTranslation();
  return (
    <div className="card" data-testid="bundle-verification" data-ok={String(result.ok)}>
      <h3>
        {t('evidence.verify.result')} {fileName && <span className="muted">{fileName}</span>}
      </h3>
      <p className={result.ok ? 'ok' : 'error'} role="status">
        <strong>{result.ok ? t('evidence.verify.allPassed') : t('evidence.verify.failed', { layer: enumLabel(t, 'bundleLayer', result.firstFailure?.layer) })}</strong>
      </p>
      <table>
        <thead>
          <tr>
            <th>{t('evidence.verify.layer')}</th>
            <th>{t('evidence.verify.state')}</th>
            <th>{t('evidence.verify.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {LAYERS.map((layer) => {
            const row = result.layers.find((l) => l.layer === layer);
            const state = row ? (row.ok ? 'pass' : 'fail') : 'skipped';
            const colour = state === 'pass' ? '#1a7f37' : state === 'fail' ? '#cf222e' : '#8c959f';
            return (
              <tr key={layer} data-layer={layer} data-state={state}>
                <td>
                  <strong>{enumLabel(t, 'bundleLayer', layer)}</strong>
                  <div className="muted">{t(`evidence.verify.layers.${layer}`)}</div>
                </td>
                <td style={{ color: colour, fontWeight: 'bold', whiteSpace: 'nowrap' }}>
                  <span aria-hidden="true" style={{ display: 'inline-block', width: '0.8em', height: '0.8em', borderRadius: '50%', background: colour, marginRight: '0.4em' }} />
                  {t(`evidence.verify.states.${state}`)}
                </td>
                <td className="muted" style={{ wordBreak: 'break-all' }}>
                  {row?.detail}
                  {row?.file && !row.detail.includes(row.file) ? ` (${row.file})` : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">
        {t('evidence.verify.key', { keyId: result.keyId ?? '—' })} {result.keyPinned ? t('evidence.verify.pinned') : ''}
      </p>
    </div>
  );
}
