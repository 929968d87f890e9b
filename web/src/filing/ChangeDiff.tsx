import { useTranslation } from 'react-i18next';
import { fieldLabel, fieldValue } from './fields.ts';

export interface ChangeDating {
  /** The day the earliest unfiled change took effect, and what it was (REG-14-4, REG-17-6). */
  changeDate?: string | undefined;
  changeDateSource?: string | undefined;
  /** Per field, the change that dates it. */
  changes?: Record<string, { date: string; source: string }> | undefined;
}

/**
 * REG-14-4: the filed facts that changed, field by field, before and after, with the day each changed
 * and how that is known; `pending` when compared with a change filing on its way.
 */
export function ChangeDiff({ diff, dueDate, pending, dating }: { diff: Record<string, unknown>; dueDate?: string | undefined; pending?: boolean; dating?: ChangeDating }) {
  const { t } = useTranslation();
  const source = (s: string) => t(`filing.changeSource.${s}`, { defaultValue: s });
  const entries = Object.entries(diff).filter((e): e is [string, [unknown, unknown]] => Array.isArray(e[1]) && e[1].length === 2);
  return (
    <section className="card" data-testid="change-diff">
      <h3>{t('filing.changeTitle')}</h3>
      {dating?.changeDate && dating.changeDateSource && (
        <p data-testid="change-since" data-source={dating.changeDateSource}>
          {t('filing.changeSince', { date: dating.changeDate, source: source(dating.changeDateSource) })}
        </p>
      )}
      {dueDate && <p>{t('filing.changeDue', { date: dueDate })}</p>}
      <table>
        <thead>
          <tr>
            <th>{t('filing.field')}</th>
            <th>{pending ? t('filing.beforePending') : t('filing.before')}</th>
            <th>{t('filing.after')}</th>
            <th>{t('filing.changedOn')}</th>
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
              <td className="changed-on">{dating?.changes?.[path] ? `${dating.changes[path].date} · ${source(dating.changes[path].source)}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
