import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../../api/http.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { useAsync } from '../../hooks/useAsync.ts';

/** REG-21-5: the text in Chinese and English, and the requester's typed name as signature (over the text's hash). */
export function Art21Acknowledge({ requestId, onDone }: { requestId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const text = useAsync(() => ok(http.GET('/api/art21-requests/acknowledgement-text')), []);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.data) return;
    setError(undefined);
    try {
      await ok(http.POST('/api/art21-requests/{id}/acknowledgements', { params: { path: { id: requestId } }, body: { signedName: name, textSha256: text.data.sha256 } }));
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} data-testid="art21-ack">
      <h3>{t('art21.ack.title')}</h3>
      <p className="muted">{t('art21.ack.explain')}</p>
      {text.data && (
        <>
          <blockquote lang="zh-CN" data-testid="art21-ack-zh">{text.data.zh}</blockquote>
          <blockquote lang="en" data-testid="art21-ack-en">{text.data.en}</blockquote>
          <p className="muted">SHA-256 {text.data.sha256}</p>
        </>
      )}
      <label>
        {t('art21.ack.signedName')}
        <input name="signedName" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoComplete="off" />
      </label>
      <ErrorText error={error ?? text.error} />
      <button type="submit" disabled={!text.data}>
        {t('art21.ack.submit')}
      </button>
    </form>
  );
}
