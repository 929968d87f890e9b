/**
 * The capacity forecast as a pure function (REG-15-9, REG-17-2, AMB-17): each camera's measured
 * bytes per day and the days it must keep, against the space the data folder's file system has.
 */
import { MAX_WRITER_RESERVE_BYTES } from '../recording/disk-room.ts';

export interface CameraLoad {
  cameraId: string;
  /** Trailing daily ingest (bytes per day) measured from the segment index. */
  bytesPerDay: number;
  /** Bytes of its segments now stored. */
  storedBytes: number;
  /** Days its footage is kept: max(floor, retention in force). */
  keepDays: number;
}

export interface CapacityForecast {
  freeBytes: number;
  totalBytes: number;
  storedBytes: number;
  /** free + stored: what the footage may occupy. */
  usableBytes: number;
  dailyIngestBytes: number;
  /** Steady state: Σ bytesPerDay × (keepDays + 2): eligibility ends a day boundary later, the sweep up to a day after. */
  neededBytes: number;
  /** REG-15-9: usable / daily ingest; null without ingest. */
  achievableDays: number | null;
  /** The longest keepDays of any camera. */
  retentionDays: number;
  /** Days until the disk is full with footage not yet eligible; null when the steady state fits. */
  daysUntilAtRisk: number | null;
  /** Free space is at or under the reserve: streams stop now. */
  exhausted: boolean;
  reserveBytes: number;
}

export const WARN_DAYS = 7;
/** The same floor a writer stopped by a full disk keeps before it writes again (recording/disk-room.ts). */
export const MIN_RESERVE_BYTES = MAX_WRITER_RESERVE_BYTES;
/** The reserve never takes more than this share of the volume: a small volume keeps its room for footage. */
export const MAX_RESERVE_SHARE = 0.05;
/** Above the reserve, resuming waits for this share of it more (at least a minute of ingest): room for a segment, no flapping. */
export const RESUME_MARGIN_SHARE = 0.25;

/**
 * The reserve kept free: max(256 MiB, one hour of ingest) on a large volume, capped at 5 % of the volume,
 * so that a 1 GiB volume reserves about 51 MiB, not 256 MiB it could never free twice over.
 */
export function defaultReserve(dailyIngestBytes: number, totalBytes: number): number {
  const wanted = Math.max(MIN_RESERVE_BYTES, Math.round(dailyIngestBytes / 24));
  return totalBytes > 0 ? Math.min(wanted, Math.round(totalBytes * MAX_RESERVE_SHARE)) : wanted;
}

export function forecastCapacity(loads: readonly CameraLoad[], disk: { freeBytes: number; totalBytes: number }, reserveBytes?: number): CapacityForecast {
  const dailyIngestBytes = loads.reduce((n, l) => n + l.bytesPerDay, 0);
  const storedBytes = loads.reduce((n, l) => n + l.storedBytes, 0);
  const neededBytes = loads.reduce((n, l) => n + l.bytesPerDay * (l.keepDays + 2), 0);
  const usableBytes = disk.freeBytes + storedBytes;
  const reserve = reserveBytes ?? defaultReserve(dailyIngestBytes, disk.totalBytes);

  const retentionDays = loads.reduce((n, l) => Math.max(n, l.keepDays), 0);
  const fits = neededBytes <= usableBytes - reserve;
  return {
    freeBytes: disk.freeBytes,
    totalBytes: disk.totalBytes,
    storedBytes,
    usableBytes,
    dailyIngestBytes,
    neededBytes,
    achievableDays: dailyIngestBytes > 0 ? usableBytes / dailyIngestBytes : null,
    retentionDays,
    // Conservative: counts no deletion, as if nothing more became eligible before the disk fills.
    daysUntilAtRisk: fits ? null : dailyIngestBytes > 0 ? Math.max(0, (disk.freeBytes - reserve) / dailyIngestBytes) : 0,
    exhausted: disk.freeBytes <= reserve,
    reserveBytes: reserve,
  };
}

/** Streams stopped for capacity start again once free space is above this: the reserve plus room for a few segments. */
export function resumeThreshold(f: Pick<CapacityForecast, 'reserveBytes' | 'dailyIngestBytes'>): number {
  return f.reserveBytes + Math.max(Math.round(f.reserveBytes * RESUME_MARGIN_SHARE), Math.round(f.dailyIngestBytes / 1440));
}
