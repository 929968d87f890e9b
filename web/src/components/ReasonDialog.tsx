import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reason } from '../api/types.ts';

export const REASON_CATEGORIES = ['PUBLIC_SECURITY_MONITORING', 'INCIDENT_INVESTIGATION', 'STATE_ORGAN_REQUEST', 'ART21_VIEWING', 'PUBLIC_RELEASE', 'SYSTEM_MAINTENANCE', 'INSPECTION'] as const;
const MIN_LENGTH = 10;

/** The reason for an access (art. 16): category and at least ten characters of text, before any video. */
export function ReasonDialog({ open, onSubmit, onCancel }: { open: boolean; onSubmit: (r: Reason) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<string>(REASON_CATEGORIES[1]);
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  if (!open) return null;
  const tooShort = [...text.trim()].length < MIN_LENGTH;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (tooShort) return;
    onSubmit({ category, text: text.trim() });
    setText('');
    setTouched(false);
  };
  return (
    <dialog open aria-modal="true" className="reason-dialog" style={{ position: 'fixed', top: '20vh', zIndex: 10 }}>
      <form className="stack" onSubmit={submit}>
        <h3>{t('reason.title')}</h3>
        <label>
          {t('reason.category')}
          <select name="category" value={category} onChange={(e) => setCategory(e.target.value)}>
            {REASON_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`reason.categories.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reason.text')}
          <textarea name="reasonText" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          <span className="muted">{t('reason.textHint')}</span>
        </label>
        {touched && tooShort && <p className="error">{t('reason.tooShort')}</p>}
        <div className="controls">
          <button type="submit">{t('reason.submit')}</button>
          <button type="button" onClick={onCancel}>
            {t('app.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
