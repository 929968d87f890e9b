import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';

/** A small create form over a POST endpoint: its fields, submit, the server's refusal, and a callback on success. */
export function useCreateForm<F extends Record<string, string>>(url: string, initial: F, toBody: (f: F) => unknown, onCreated: () => void) {
  const [fields, setFields] = useState<F>(initial);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api(url, { method: 'POST', body: toBody(fields) });
      setFields(initial);
      onCreated();
    } catch (e) {
      setError(e);
    }
  };
  const input = (key: keyof F & string) => ({ name: key, value: fields[key], onChange: (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value })) });
  return { input, submit: (e: FormEvent) => void submit(e), error };
}
