import { useTranslation } from 'react-i18next';

/** The server's password rule (src/access/accounts/passwords.ts): 12 characters or more, not containing the username, not a common one. */
export const MIN_PASSWORD_LENGTH = 12;

/** The rule, and while typing what it still misses (the server decides; this only helps). */
export function PasswordRule({ password, username }: { password: string; username: string }) {
  const { t } = useTranslation();
  const short = password !== '' && [...password].length < MIN_PASSWORD_LENGTH;
  const containsName = password !== '' && username.trim() !== '' && password.toLowerCase().includes(username.trim().toLowerCase());
  return (
    <span className="muted" data-testid="password-rule">
      {t('staff.password.rule')}
      {short && <span className="error"> {t('staff.password.tooShort', { count: [...password].length })}</span>}
      {containsName && <span className="error"> {t('staff.password.containsName')}</span>}
    </span>
  );
}
