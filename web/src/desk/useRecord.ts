import { useEffect, useRef, useState, type FormEvent } from 'react';
import { go } from '../hooks/useRoute.ts';

export interface RecordFormOptions<D> {
  /** The record's id, or undefined for a new one. */
  id: string | undefined;
  empty: D;
  /** The stored record as a draft. */
  load: (id: string) => Promise<D>;
  /** Creates the record; its id is where the page goes next. */
  create: (draft: D) => Promise<{ id: string }>;
  update: (id: string, draft: D) => Promise<unknown>;
  /** The hash path of a record (e.g. `desk/units/<id>`). */
  pathOf: (id: string) => string;
}

/**
 * A desk record page's state: the draft, loading the stored record, and saving it. A new record is
 * created once, then the page goes to it; while a save runs the form is busy, so a second click
 * cannot create a second record.
 */
export function useRecord<D>(options: RecordFormOptions<D>) {
  const { id } = options;
  const [draft, setDraft] = useState<D>(options.empty);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>();
  const [loadError, setLoadError] = useState<unknown>();
  const [version, setVersion] = useState(0);
  const busy = useRef(false);
  const opts = useRef(options);
  opts.current = options;

  useEffect(() => {
    if (!id) {
      setDraft(opts.current.empty);
      return;
    }
    let current = true;
    opts.current
      .load(id)
      .then((d) => {
        if (current) {
          setDraft(d);
          setLoadError(undefined);
        }
        return undefined;
      })
      .catch((e: unknown) => {
        if (current) setLoadError(e);
      });
    return () => {
      current = false;
    };
  }, [id, version]);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy.current) return;
    busy.current = true;
    setSaving(true);
    setError(undefined);
    setSaved(false);
    try {
      if (id) {
        await opts.current.update(id, draft);
        setSaved(true);
        setVersion((v) => v + 1);
      } else {
        const record = await opts.current.create(draft);
        go(opts.current.pathOf(record.id));
      }
    } catch (e) {
      setError(e);
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };

  const set = <K extends keyof D>(key: K, value: D[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  return { draft, set, setDraft, saving, saved, error, loadError, version, reload: () => setVersion((v) => v + 1), submit: (e?: FormEvent) => void submit(e) };
}

/** Text to a number, or null when blank. */
export const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text));
/** Text, or null when blank. */
export const textOrNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());
