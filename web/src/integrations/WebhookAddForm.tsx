import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useCreateForm } from '../hooks/useCreateForm.ts';
import { EVENT_TYPES, eventTypeLabel } from './event-type-label.ts';

/** Adds an endpoint; the answer carries the secret, handed up to be shown once. */
export function WebhookAddForm({ onAdded }: { onAdded: (secret: string) => void }) {
  const { t } = useTranslation();
  const [types, setTypes] = useState<string[]>([]);
  const form = useCreateForm(
    { url: '', description: '' },
    (f) => ok(http.POST('/api/webhooks', { body: { url: f.url, description: f.description, eventTypes: types as (typeof EVENT_TYPES)[number][] } })),
    (created) => {
      setTypes([]);
      onAdded(created.secret);
    },
  );
  const toggle = (type: string) => setTypes((now) => (now.includes(type) ? now.filter((x) => x !== type) : [...now, type]));
  return (
    <form onSubmit={form.submit} className="add-form" aria-label={t('integrations.webhooks.add')}>
      <label>
        {t('integrations.webhooks.url')} <input type="url" required placeholder="https://" {...form.input('url')} />
      </label>
      <label>
        {t('integrations.webhooks.description')} <input {...form.input('description')} />
      </label>
      <fieldset className="event-types">
        <legend>
          {t('integrations.webhooks.eventsHint')}
        </legend>
        {EVENT_TYPES.map((type) => (
          <label key={type}>
            <input type="checkbox" checked={types.includes(type)} onChange={() => toggle(type)} /> {eventTypeLabel(t, type)}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={form.saving}>
        {t('integrations.webhooks.add')}
      </button>
      <ErrorText error={form.error} />
    </form>
  );
}
