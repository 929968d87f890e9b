/** Small helpers the retention and evidence pages share: legal times in Asia/Shanghai, sizes, form fields. */
import { useState, type FormEvent } from 'react';
import { http, ok } from '../api/http.ts';
import { useAsync } from '../hooks/useAsync.ts';

const SHANGHAI_MS = 8 * 3600_000; // UTC+8, no daylight saving.

/** An instant as Asia/Shanghai wall time, `YYYY-MM-DD HH:mm:ss`. */
export function shanghai(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms + SHANGHAI_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The value of a `datetime-local` input (Asia/Shanghai wall time) for an instant. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : new Date(ms + SHANGHAI_MS).toISOString().slice(0, 19);
}

/** The instant (UTC ISO) of a `datetime-local` value read as Asia/Shanghai wall time; undefined when empty. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms - SHANGHAI_MS).toISOString();
}

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(u === 0 ? 0 : 1)} ${units[u]}`;
}

/** The cameras the user may see, for names and pickers. */
export function useCameras() {
  return useAsync(() => ok(http.GET('/api/cameras', {})), []);
}

export function cameraName(cameras: { id: string; name: string }[] | undefined, id: string): string {
  return cameras?.find((c) => c.id === id)?.name ?? id;
}

/**
 * A form's text fields, its submit (the action's refusal kept as `error`), and a reset on success.
 */
export function useForm<F extends Record<string, string>>(initial: F, action: (f: F) => Promise<unknown>) {
  const [fields, setFields] = useState<F>(initial);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      await action(fields);
      setFields(initial);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const input = (key: keyof F & string) => ({ name: key, value: fields[key], onChange: (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value })) });
  return { fields, setFields, input, busy, error, submit: (e: FormEvent) => void submit(e) };
}

/** Runs one action at a time (approve, release, execute...), keeping its refusal. */
export function useAction(after: () => void) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    setBusy(true);
    try {
      await action();
      after();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run: (action: () => Promise<unknown>) => void run(action) };
}
