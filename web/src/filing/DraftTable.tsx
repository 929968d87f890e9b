import { useTranslation } from 'react-i18next';
import { enumLabel } from '../i18n/enum-label.ts';
import { datasetRows, fieldLabel, fieldValue } from './fields.ts';

type Provenance = Record<string, unknown>;

/** The filed fields with readable labels, values and where each came from (manual edits with their reason). */
export function DraftTable({ dataset }: { dataset: Record<string, unknown> }) {
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
        </tr>
      </thead>
      <tbody>
        {datasetRows(dataset).map((row) => (
          <tr key={row.path} data-path={row.path}>
            <td>{fieldLabel(t, row.path)}</td>
            <td>{fieldValue(t, row.path, row.value)}</td>
            <td className="muted">{sourceOf(row.path)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
