import { useRef, useState, type FormEvent } from 'react';

/**
 * A small form over one API call: its fields, submit (one call at a time: a second click while the first
 * is on its way sends nothing), the server's refusal, and a callback with the answer. On success the
 * fields are cleared.
 */
export function useCreateForm<F extends Record<string, string>, R = unknown>(initial: F, send: (fields: F) => Promise<R>, onDone: (result: R) => void) {
  const [fields, setFields] = useState<F>(initial);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const busy = useRef(false);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy.current) return;
    busy.current = true;
    setSaving(true);
    setError(undefined);
    try {
      const result = await send(fields);
      setFields(initial);
      onDone(result);
    } catch (e) {
      setError(e);
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };
  const set = (key: keyof F & string, value: string) => setFields((f) => ({ ...f, [key]: value }));
  const input = (key: keyof F & string) => ({ name: key, value: fields[key], onChange: (e: { target: { value: string } }) => set(key, e.target.value) });
  return { fields, set, setFields, input, submit: (e?: FormEvent) => void submit(e), error, saving };
}

/** One action at a time (approve, revoke, unlock...): `run` ignores a call while one is on its way. */
export function useAction() {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const run = async (action: () => Promise<unknown>, after?: () => void) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(undefined);
    try {
      await action();
      after?.();
    } catch (e) {
      setError(e);
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { run: (action: () => Promise<unknown>, after?: () => void) => void run(action, after), error, busy };
}
