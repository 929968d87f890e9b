import { useCallback, useRef, useState } from 'react';
import type { Reason } from '../api/types.ts';

/** Asks for a reason through the dialog; ask() resolves with it, or rejects when cancelled. */
export function useReasonGate() {
  const [open, setOpen] = useState(false);
  const pending = useRef<{ resolve: (r: Reason) => void; reject: (e: Error) => void } | null>(null);

  const ask = useCallback(
    () =>
      new Promise<Reason>((resolve, reject) => {
        pending.current = { resolve, reject };
        setOpen(true);
      }),
    [],
  );
  const submit = useCallback((reason: Reason) => {
    setOpen(false);
    pending.current?.resolve(reason);
    pending.current = null;
  }, []);
  const cancel = useCallback(() => {
    setOpen(false);
    pending.current?.reject(new Error('cancelled'));
    pending.current = null;
  }, []);
  return { open, ask, submit, cancel };
}
