import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText.tsx';
import { BundleVerification, type Verification } from './BundleVerification.tsx';
import { verifyBundleFile } from './bundle-files.ts';

/** Any bundle file, checked by the server's verifier against the key it signs with (the same checks as `custos verify`). */
export function VerifyBundle() {
  const { t } = useTranslation();
  const [result, setResult] = useState<{ name: string; verification: Verification }>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const check = async (file: File | undefined) => {
    if (!file) return;
    setError(undefined);
    setResult(undefined);
    setBusy(true);
    try {
      setResult({ name: file.name, verification: await verifyBundleFile(file) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card">
      <h2>{t('evidence.verify.title')}</h2>
      <p className="muted">{t('evidence.verify.explain')}</p>
      <label>
        {t('evidence.verify.pick')}
        <input type="file" name="bundle" accept=".tar,application/x-tar" disabled={busy} onChange={(e) => void check(e.target.files?.[0])} />
      </label>
      {busy && <p role="status">{t('evidence.exports.verifying')}</p>}
      <ErrorText error={error} />
      {result && <BundleVerification result={result.verification} fileName={result.name} />}
      <p>
        <a href="#/exports">{t('evidence.exports.title')}</a>
      </p>
    </section>
  );
}
