import { useTranslation } from 'react-i18next';
import { enumLabel } from '../i18n/enum-label.ts';
import { EditField } from './EditField.tsx';
import { datasetRows, fieldLabel, fieldValue } from './fields.ts';

type Provenance = Record<string, unknown>;

/** Fields a person may correct by hand: plain text and numbers of the unit, the location and the extras. */
const EDITABLE = /^(unit|location|extras)\./;

/** The filed fields with readable labels, values and where each came from (manual edits with their reason); `editable` allows edits. */
export function DraftTable({ dataset, editable, onEdited }: { dataset: Record<string, unknown>; editable?: string | undefined; onEdited?: () => void }) {
  const { t } = useTranslation();
  const provenance = (dataset.provenance ?? {}) as Provenance;
  const sourceOf = (path: string) => {
    const p = provenance[path];
    if (typeof p === 'object' && p !== null && 'reason' in p) return t('filing.manual', { reason: String(p.reason) });
    return typeof p === 'string' ? enumLabel(t, 'provenance', p) : '';
  };
  return (
    <table data-testid="filing-dataset">
      <thead>
        <tr>
          <th>{t('filing.field')}</th>
          <th>{t('filing.value')}</th>
          <th>{t('filing.source')}</th>
          {editable && <th />}
        </tr>
      </thead>
      <tbody>
        {datasetRows(dataset).map((row) => (
          <tr key={row.path} data-path={row.path}>
            <td>{fieldLabel(t, row.path)}</td>
            <td>{fieldValue(t, row.path, row.value)}</td>
            <td className="muted">{sourceOf(row.path)}</td>
            {editable && (
              <td>
                {EDITABLE.test(row.path) && (typeof row.value === 'string' || typeof row.value === 'number') && (
                  <EditField filingId={editable} path={row.path} value={row.value} onDone={() => onEdited?.()} />
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
