import { useCallback, useEffect, useState } from 'react';

const KEY = 'custos.live.wall';
const SLOTS = 16;

function load(): (string | null)[] | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    return Array.isArray(value) ? value.slice(0, SLOTS).map((v) => (typeof v === 'string' ? v : null)) : null;
  } catch {
    return null;
  }
}

/**
 * Which camera each tile of the wall shows (16 slots; a layout of n shows the first n), kept in this
 * browser. First visit: the active cameras in order. A camera no longer active leaves its tile empty.
 */
export function useWall(activeIds: readonly string[] | undefined) {
  const [slots, setSlots] = useState<(string | null)[] | null>(load);
  useEffect(() => {
    if (slots || !activeIds) return;
    setSlots(Array.from({ length: SLOTS }, (_, i) => activeIds[i] ?? null));
  }, [slots, activeIds]);
  const set = useCallback((index: number, cameraId: string | null) => {
    setSlots((old) => {
      const next = [...(old ?? Array<string | null>(SLOTS).fill(null))];
      next[index] = cameraId;
      localStorage.setItem(KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  const active = new Set(activeIds ?? []);
  const shown = (slots ?? []).map((id) => (id && active.has(id) ? id : null));
  return { slots: shown, set };
}
