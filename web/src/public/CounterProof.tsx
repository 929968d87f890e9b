import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type ResponseOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { enumLabel } from '../i18n/enum-label.ts';

type Request = ResponseOf<'/api/art21-requests/{id}'>;
const KINDS = ['IDENTITY', 'RELATIONSHIP', 'GUARDIANSHIP', 'CARE_CONTRACT', 'CUSTODY_NOTE', 'OTHER'] as const;
const MAX_BYTES = 512 * 1024;

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * On an art. 21 request in the desk: where it came from the sign's public page, its reference number,
 * and (while pending) the proof documents the person shows at the counter, added to the request. Consent
 * waits for an identity document on such a request (E_IDENTITY_PROOF_REQUIRED).
 */
export function CounterProof({ request, onDone }: { request: Request; onDone: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const hasIdentity = request.documents.some((d) => d.kind === 'IDENTITY');
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const file = f.get('file');
    const kind = f.get('kind');
    if (!(file instanceof File) || file.size === 0 || typeof kind !== 'string') return;
    if (file.size > MAX_BYTES) return setError(new Error(t('public.counter.tooBig')));
    setSaving(true);
    setError(undefined);
    try {
      const document = { kind: kind as (typeof KINDS)[number], fileName: file.name.slice(0, 200), mediaType: file.type || 'application/octet-stream', contentBase64: await base64Of(file) };
      await ok(http.POST('/api/art21-requests/{id}/documents', { params: { path: { id: request.id } }, body: { document } }));
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  if (request.receivedVia !== 'PUBLIC_SIGN' && request.status !== 'PENDING_CONSENT') return null;
  return (
    <div className="card" data-testid="art21-counter-proof">
      {request.receivedVia === 'PUBLIC_SIGN' && (
        <p>
          {t('public.counter.fromSign')} <strong data-testid="art21-public-reference">{request.publicReference}</strong>
          {!hasIdentity && request.status === 'PENDING_CONSENT' && <span className="refusal"> {t('public.counter.needsId')}</span>}
        </p>
      )}
      {request.status === 'PENDING_CONSENT' && (
        <form className="controls" aria-label="counter-proof" onSubmit={(e) => void submit(e)}>
          <select name="kind" defaultValue={hasIdentity ? 'RELATIONSHIP' : 'IDENTITY'}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {enumLabel(t, 'art21DocumentKind', k)}
              </option>
            ))}
          </select>
          <input type="file" name="file" required />
          <button type="submit" disabled={saving}>
            {t('public.counter.add')}
          </button>
        </form>
      )}
      <ErrorText error={error} />
    </div>
  );
}
