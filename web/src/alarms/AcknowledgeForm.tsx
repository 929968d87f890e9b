import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import type { Alarm } from './alarm-api.ts';

/** Acknowledges an alarm with what was done about it; the server records who and when. */
export function AcknowledgeForm({ alarm, onDone }: { alarm: Alarm; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button type="button" name="acknowledge" onClick={() => setOpen(true)}>
        {t('alarms.acknowledge')}
      </button>
    );
  }
  const submit = async () => {
    setBusy(true);
    try {
      await ok(http.POST('/api/alarms/{id}/acknowledge', { params: { path: { id: alarm.id } }, body: { comment } }));
      setOpen(false);
      onDone();
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="ack-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <input name="comment" value={comment} placeholder={t('alarms.comment')} aria-label={t('alarms.comment')} onChange={(e) => setComment(e.target.value)} required minLength={4} />
      <button type="submit" disabled={busy}>
        {t('alarms.save')}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        {t('alarms.cancel')}
      </button>
      <ErrorText error={error} />
    </form>
  );
}
