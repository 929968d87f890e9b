import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { pick } from '../i18n/index.ts';

/** A refusal in plain words for the public: our own text for the codes a person meets, else the server's, in the page's language. */
export function PublicError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : undefined;
  const own = code ? t(`public.errors.${code}`, { defaultValue: '' }) : '';
  const server = error instanceof ApiError ? pick(error.body.messages, i18n.language) : '';
  const text = own || server || (error instanceof Error && error.message !== 'Failed to fetch' ? error.message : t('public.errors.generic', { code: code ?? '—' }));
  return (
    <p className="public-error" role="alert" data-code={code}>
      {text}
    </p>
  );
}
