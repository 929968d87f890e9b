import type { TFunction } from 'i18next';

/** The label of an API enum value in the current language; the value itself when no label exists. */
export function enumLabel(t: TFunction, group: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return t(`enum.${group}.${value}`, { defaultValue: value });
}
