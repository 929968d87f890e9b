import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useCreateForm.ts';

/** Links an account to its staff record (the prerequisites for video, REG-16-2, are read from it). */
export function PersonSelect({ userId, personId, persons, onChanged }: { userId: string; personId: string | null; persons: { id: string; name: string }[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const change = (value: string) => action.run(() => ok(http.PATCH('/api/users/{id}', { params: { path: { id: userId } }, body: { personId: value || null } })), onChanged);
  return (
    <>
      <select name="personId" aria-label={t('users.person')} value={personId ?? ''} disabled={action.busy} onChange={(e) => change(e.target.value)}>
        <option value="">{t('staff.users.noPerson')}</option>
        {persons.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {personId && (
        <>
          {' '}
          <a href={`#/persons/${personId}`}>↗</a>
        </>
      )}
      <ErrorText error={action.error} />
    </>
  );
}
