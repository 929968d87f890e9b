import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../api/http.ts';
import { legalDateTimeIn } from '../lib/legal-time.ts';

type Ledger = ResponseOf<'/api/public/signs/{code}'>['ledger'];

/** The published ledger key and the latest signed checkpoint, with how anyone checks them (art. 15). */
export function LedgerFacts({ ledger }: { ledger: Ledger }) {
  const { t, i18n } = useTranslation();
  const cp = ledger.checkpoint;
  return (
    <section className="public-card" aria-labelledby="ledger-title">
      <h2 id="ledger-title">{t('public.ledger.title')}</h2>
      <p>{t('public.ledger.explain')}</p>
      {ledger.publicKey && (
        <>
          <p>
            {t('public.ledger.fingerprint')}: <code data-testid="key-id">{ledger.publicKey.keyId}</code>
          </p>
          <details>
            <summary>{t('public.ledger.key')}</summary>
            <pre className="public-pre">{ledger.publicKey.publicKeyPem}</pre>
          </details>
        </>
      )}
      <h3>{t('public.ledger.checkpoint')}</h3>
      {cp ? (
        <dl className="public-facts" data-testid="checkpoint">
          <dt>{t('public.ledger.size')}</dt>
          <dd data-testid="tree-size">{cp.treeSize}</dd>
          <dt>{t('public.ledger.root')}</dt>
          <dd>
            <code className="public-hash">{cp.rootHash}</code>
          </dd>
          <dt>{t('public.ledger.time')}</dt>
          <dd>{legalDateTimeIn(cp.at, i18n.language)}</dd>
          <dt>{t('public.ledger.signature')}</dt>
          <dd>
            <code className="public-hash">{cp.signature}</code>
          </dd>
        </dl>
      ) : (
        <p>{t('public.ledger.none')}</p>
      )}
      <p>
        {t('public.ledger.how')} <code className="public-hash">{ledger.verifyCommand}</code>
      </p>
    </section>
  );
}
