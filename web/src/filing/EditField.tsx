import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from './useAction.ts';

/** REG-14-5: a manual edit of one field of an open filing, allowed only with a reason (flagged in the export). */
export function EditField({ filingId, path, value, onDone }: { filingId: string; path: string; value: string | number; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(String(value));
  const [reason, setReason] = useState('');
  const action = useAction(() => {
    setOpen(false);
    onDone();
  });
  if (!open) {
    return (
      <button type="button" className="link" data-testid="edit-field" onClick={() => setOpen(true)}>
        {t('filing.edit')}
      </button>
    );
  }
  const save = (e: FormEvent) => {
    e.preventDefault();
    const next = typeof value === 'number' ? Number(text) : text;
    void action.run(() => ok(http.POST('/api/filings/{id}/edits', { params: { path: { id: filingId } }, body: { path, value: next, reason } })));
  };
  return (
    <form aria-label="edit-field" onSubmit={save}>
      <input name="editValue" type={typeof value === 'number' ? 'number' : 'text'} required value={text} onChange={(e) => setText(e.target.value)} />{' '}
      <input name="editReason" required placeholder={t('filing.editReason')} value={reason} onChange={(e) => setReason(e.target.value)} />{' '}
      <button type="submit" disabled={action.busy}>
        {t('filing.editSave')}
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        {t('filing.editCancel')}
      </button>
      <ErrorText error={action.error} />
    </form>
  );
}
