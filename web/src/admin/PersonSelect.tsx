import { useState } from 'react';
import { api } from '../api/client.ts';
import { ErrorText } from '../components/ErrorText.tsx';

/** Links an account to its staff record (the prerequisites for video, REG-16-2, are read from it). */
export function PersonSelect({ userId, personId, persons, onChanged }: { userId: string; personId: string | null; persons: { id: string; name: string }[]; onChanged: () => void }) {
  const [error, setError] = useState<unknown>();
  const change = async (value: string) => {
    try {
      await api(`/api/users/${encodeURIComponent(userId)}`, { method: 'PATCH', body: { personId: value || null } });
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <select name="personId" value={personId ?? ''} onChange={(e) => void change(e.target.value)}>
        <option value="">—</option>
        {persons.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <ErrorText error={error} />
    </>
  );
}
