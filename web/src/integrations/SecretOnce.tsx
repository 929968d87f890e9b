import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A signing secret just made: shown this once, copyable, gone when dismissed. */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard
      ?.writeText(secret)
      .then(() => setCopied(true))
      .catch(() => undefined);
  return (
    <div className="notice" role="alert">
      <strong>{t('integrations.webhooks.secretTitle')}</strong>
      <p>{t('integrations.webhooks.secretOnce')}</p>
      <code data-testid="webhook-secret">{secret}</code>{' '}
      <button type="button" onClick={copy}>
        {copied ? t('integrations.webhooks.copied') : t('integrations.webhooks.copy')}
      </button>{' '}
      <button type="button" onClick={onDone}>
        {t('integrations.webhooks.done')}
      </button>
    </div>
  );
}
