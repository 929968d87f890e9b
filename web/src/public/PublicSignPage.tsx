import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { switchLanguage } from '../i18n/index.ts';
import { Art21PublicForm } from './Art21PublicForm.tsx';
import { LedgerFacts } from './LedgerFacts.tsx';
import { PublicError } from './PublicError.tsx';
import { ReferenceLookup } from './ReferenceLookup.tsx';
import { ReportForm } from './ReportForm.tsx';
import './public.css';

/**
 * The page a sign's QR opens (/s/CODE → #/s/CODE), without sign-in (arts. 13, 21, 24): who runs the
 * cameras and why, how long footage is kept, the filing, the ledger's key and checkpoint, the person's
 * rights, and the forms to ask to view footage (art. 21) or to report a camera (art. 24). Never asks for
 * a session; readable on a phone.
 */
export function PublicSignPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const info = useAsync(() => ok(http.GET('/api/public/signs/{code}', { params: { path: { code } } })), [code]);
  const d = info.data;
  const authority = d?.filing.authority ?? t('public.filing.unknownAuthority');
  return (
    <div className="public-page">
      <header className="public-band">
        <div>
          <h1>{t('public.notice')}</h1>
          <p className="public-article">{t('public.noticeArticle')}</p>
        </div>
        <button type="button" className="public-language" data-testid="language" onClick={() => void switchLanguage()}>
          {t('app.language')}
        </button>
      </header>
      <main className="public-main">
        {info.error ? <PublicError error={info.error} /> : null}
        {!d && !info.error && <p>{t('public.loading')}</p>}
        {d && (
          <>
            <section className="public-card" aria-labelledby="who-title">
              <h2 id="who-title">{t('public.who.title')}</h2>
              <dl className="public-facts">
                <dt>{t('public.who.unit')}</dt>
                <dd data-testid="unit">{d.unit.name ?? t('public.who.individual')}</dd>
                <dt>{t('public.who.site')}</dt>
                <dd>
                  {d.site.name}
                  {d.site.address && <span className="public-hint"> · {d.site.address}</span>}
                </dd>
                <dt>{t('public.who.place')}</dt>
                <dd>{enumLabel(t, 'placeCategory', d.site.placeCategory)}</dd>
                <dt>{t('public.who.signAt')}</dt>
                <dd>{d.sign.location}</dd>
              </dl>
              <h3>{t('public.why.title')}</h3>
              {d.purposes.length > 0 ? (
                <ul>
                  {d.purposes.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              ) : (
                <p>{t('public.why.none')}</p>
              )}
              <h3>{t('public.cameras.title')}</h3>
              <p data-testid="camera-count">
                {t('public.cameras.count', { count: d.cameraCount })} {d.audio && t('public.cameras.audio')}
              </p>
              <p className="public-hint">{t('public.cameras.noVideo')}</p>
            </section>
            <section className="public-card" aria-labelledby="retention-title">
              <h2 id="retention-title">{t('public.retention.title')}</h2>
              <p data-testid="retention">{t('public.retention.days', { days: d.retention.days })}</p>
              <p className="public-hint">{d.retention.floorDays === null ? t('public.retention.noFloor') : t('public.retention.floor', { days: d.retention.floorDays })}</p>
              <h2>{t('public.filing.title')}</h2>
              <p data-testid="filing" data-status={d.filing.status}>
                {t(`public.filing.${d.filing.status}`, { authority, receiptNo: d.filing.receiptNo ?? '', filedAt: d.filing.filedAt ?? '' })}
              </p>
            </section>
            <section className="public-card" aria-labelledby="rights-title">
              <h2 id="rights-title">{t('public.rights.title')}</h2>
              <p>{t('public.rights.art21')}</p>
              <p>{t('public.rights.art24')}</p>
            </section>
            {d.forms.art21 && (
              <section className="public-card" aria-labelledby="art21-title">
                <h2 id="art21-title">{t('public.art21.title')}</h2>
                <Art21PublicForm code={d.code} place={`${d.site.name} · ${d.sign.location}`} />
              </section>
            )}
            <section className="public-card" aria-labelledby="status-title">
              <h2 id="status-title">{t('public.status.title')}</h2>
              <ReferenceLookup />
            </section>
            {d.forms.report && <ReportForm code={d.code} />}
            <LedgerFacts ledger={d.ledger} />
          </>
        )}
      </main>
    </div>
  );
}
