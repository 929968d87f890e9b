/**
 * How much of an unfinished segment file can be kept: the init segment and every moof+mdat pair up
 * to the first one that is incomplete or does not parse, with their frames and duration.
 */
import { fragmentLayout } from './box-scan.ts';
import { parseFragment, parseInit } from './fmp4-meta.ts';

/** A fragment claiming more than this is garbage, not ten seconds of video. */
const MAX_FRAGMENT_MS = 3_600_000;

export interface Salvage {
  /** Bytes to keep; 0 when there is no init segment. */
  keptEnd: number;
  fragments: number;
  frames: number;
  durationMs: number;
  codec: string | null;
}

export function salvageLayout(buf: Buffer): Salvage {
  const layout = fragmentLayout(buf);
  if (layout.initEnd === 0) return { keptEnd: 0, fragments: 0, frames: 0, durationMs: 0, codec: null };
  const init = parseInit(buf, layout.initEnd);
  const msPerUnit = init.timescale ? 1000 / init.timescale : 0;
  const kept: Salvage = { keptEnd: layout.initEnd, fragments: 0, frames: 0, durationMs: 0, codec: init.codec };
  let units = 0;
  for (const pair of layout.pairs) {
    const fragment = parseFragment(buf, pair.moof, init);
    if (!fragment || fragment.duration * msPerUnit > MAX_FRAGMENT_MS) break;
    units += fragment.duration;
    kept.keptEnd = pair.end;
    kept.fragments++;
    kept.frames += fragment.frames;
  }
  kept.durationMs = Math.round(units * msPerUnit);
  return kept;
}
