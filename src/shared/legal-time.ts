/**
 * Legal time is Asia/Shanghai. China has kept UTC+8 all year since 1991, so a fixed offset is
 * exact for every date this system deals with and needs no time-zone database.
 * A "legal date" is a 'YYYY-MM-DD' string in that zone.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type LegalDate = string;

export function isLegalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** The calendar date in Asia/Shanghai on which an instant falls. */
export function legalDateOf(instant: Date | string): LegalDate {
  const t = new Date(instant).getTime();
  return new Date(t + OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 Asia/Shanghai at the start of a legal date, as an instant. */
export function startOfLegalDay(date: LegalDate): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS);
}

export function addDays(date: LegalDate, days: number): LegalDate {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LegalDate, to: LegalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LegalDate): number {
  return new Date(`${date}T00:00:00.000Z`).getUTCDay();
}

/** An instant written with the legal offset, e.g. 2025-06-30T23:59:59+08:00. */
export function formatLegalInstant(instant: Date | string): string {
  const shifted = new Date(new Date(instant).getTime() + OFFSET_MS).toISOString();
  return `${shifted.slice(0, 19)}+08:00`;
}
