import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { pick } from '../i18n/index.ts';

/** A domain error as the server explained it ({code, article, messages{zh,en}}), in the current language. */
export function ErrorText({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiError) {
    const text = pick(error.body.messages, i18n.language) || t('errors.generic', { code: error.code ?? error.status });
    return (
      <p className={error.body.article ? 'refusal' : 'error'} role="alert" data-code={error.code}>
        {error.body.article && <strong>{t('cameras.article', { article: error.body.article })} · </strong>}
        {text} <span className="muted">({error.code})</span>
      </p>
    );
  }
  const message = error instanceof Error ? error.message : JSON.stringify(error);
  return (
    <p className="error" role="alert">
      {message === 'Failed to fetch' ? t('errors.network') : message}
    </p>
  );
}
