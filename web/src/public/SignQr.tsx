import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';

/** Loads the sign's QR (issuing its code on first use) and the URL it encodes (x-sign-url). */
async function loadQr(signId: string): Promise<{ svg: string; url: string }> {
  const response = await fetch(`/api/signs/${encodeURIComponent(signId)}/qr.svg`, { credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, ((await response.json().catch(() => ({}))) ?? {}) as object);
  return { svg: await response.text(), url: response.headers.get('x-sign-url') ?? '' };
}

/** On the sign's page in the desk: its QR, the short URL under it, and the printable sign (A4, A5) to download (art. 13). */
export function SignQr({ signId }: { signId: string }) {
  const { t } = useTranslation();
  const qr = useAsync(() => loadQr(signId), [signId]);
  const pdf = (size: 'A4' | 'A5') => `/api/signs/${encodeURIComponent(signId)}/print.pdf?size=${size}`;
  return (
    <section className="card" aria-labelledby="sign-qr-title">
      <h3 id="sign-qr-title">{t('public.desk.title')}</h3>
      <p className="muted">{t('public.desk.hint')}</p>
      <ErrorText error={qr.error} />
      {qr.data && (
        <figure style={{ margin: 0 }}>
          <img data-testid="sign-qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.data.svg)}`} alt={qr.data.url} style={{ width: '12rem', height: '12rem' }} />
          <figcaption>
            <a href={qr.data.url} data-testid="sign-url" target="_blank" rel="noreferrer">
              {qr.data.url}
            </a>
          </figcaption>
        </figure>
      )}
      <p className="controls">
        <a className="button" href={pdf('A4')} download data-testid="sign-pdf-a4">
          {t('public.desk.a4')}
        </a>
        <a className="button" href={pdf('A5')} download data-testid="sign-pdf-a5">
          {t('public.desk.a5')}
        </a>
      </p>
    </section>
  );
}
