import { useTranslation } from 'react-i18next';
import { fieldLabel, fieldValue } from './fields.ts';

/** REG-14-4: the filed facts that changed, field by field, before and after; `pending` when compared with a change filing on its way. */
export function ChangeDiff({ diff, dueDate, pending }: { diff: Record<string, unknown>; dueDate?: string | undefined; pending?: boolean }) {
  const { t } = useTranslation();
  const entries = Object.entries(diff).filter((e): e is [string, [unknown, unknown]] => Array.isArray(e[1]) && e[1].length === 2);
  return (
    <section className="card" data-testid="change-diff">
      <h3>{t('filing.changeTitle')}</h3>
      {dueDate && <p>{t('filing.changeDue', { date: dueDate })}</p>}
      <table>
        <thead>
          <tr>
            <th>{t('filing.field')}</th>
            <th>{pending ? t('filing.beforePending') : t('filing.before')}</th>
            <th>{t('filing.after')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([path, [before, after]]) => (
            <tr key={path} data-path={path}>
              <td>{fieldLabel(t, path)}</td>
              <td className="before">{fieldValue(t, path, before)}</td>
              <td className="after">
                <strong>{fieldValue(t, path, after)}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
