import { useTranslation } from 'react-i18next';
import { daysBetween } from '../lib/legal-time.ts';

/** "12 days left", "due today" or "3 days overdue" for a due date seen from `today` (legal dates). */
export function DaysLeft({ dueDate, today, overdue }: { dueDate: string; today: string; overdue?: boolean }) {
  const { t } = useTranslation();
  const days = daysBetween(today, dueDate);
  if (days < 0 || overdue) {
    return (
      <strong className="error" data-testid="days-overdue">
        {t('days.overdue', { count: Math.max(1, -days) })}
      </strong>
    );
  }
  return <span data-testid="days-left">{days === 0 ? t('days.today') : t('days.left', { count: days })}</span>;
}
