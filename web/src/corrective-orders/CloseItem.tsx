import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { base64Of } from '../disclosure/art21/file-base64.ts';
import type { Order } from './types.ts';

/** Closes one action with its evidence: what was done, and photos or documents (kept with SHA-256). */
export function CloseItem({ orderId, itemId, onClosed }: { orderId: string; itemId: string; onClosed: (order: Order) => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const documents = await Promise.all(files.map(async (f) => ({ fileName: f.name, mediaType: f.type || 'application/octet-stream', contentBase64: await base64Of(f) })));
      onClosed(await ok(http.POST('/api/corrective-orders/{id}/items/{itemId}/close', { params: { path: { id: orderId, itemId } }, body: { note, documents } })));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} data-testid={`close-${itemId}`}>
      <label>
        {t('correctiveOrders.detail.note')}
        <textarea required name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <label>
        {t('correctiveOrders.detail.files')}
        <input type="file" multiple name="evidence" onChange={(e) => setFiles([...(e.target.files ?? [])])} />
      </label>
      <ErrorText error={error} />
      <button type="submit" disabled={saving}>
        {t('correctiveOrders.detail.close')}
      </button>
    </form>
  );
}
