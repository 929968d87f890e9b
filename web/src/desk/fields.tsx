/** Form fields of the compliance desk: a label over an input, enum choices shown with their translated labels. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { enumLabel } from '../i18n/enum-label.ts';

interface Base {
  label: string;
  name: string;
}

export function TextField({ label, name, value, onChange, required, type = 'text', multiline, placeholder }: Base & { value: string; onChange: (v: string) => void; required?: boolean; type?: string; multiline?: boolean; placeholder?: string }) {
  return (
    <label>
      {label}
      {multiline ? (
        <textarea name={name} value={value} rows={3} onChange={(e) => onChange(e.target.value)} required={required} placeholder={placeholder} />
      ) : (
        <input name={name} type={type} value={value} onChange={(e) => onChange(e.target.value)} required={required} placeholder={placeholder} />
      )}
    </label>
  );
}

/** A select over an API enum; each value shown with its label from `enum.<group>`. */
export function EnumField({ label, name, group, values, value, onChange, empty }: Base & { group: string; values: readonly string[]; value: string; onChange: (v: string) => void; empty?: string }) {
  const { t } = useTranslation();
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {empty !== undefined && <option value="">{empty}</option>}
        {values.map((v) => (
          <option key={v} value={v}>
            {enumLabel(t, group, v)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A select over records (units, cameras) by id. */
export function RecordField({ label, name, options, value, onChange, empty }: Base & { options: { id: string; name: string }[]; value: string; onChange: (v: string) => void; empty?: string }) {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CheckField({ label, name, checked, onChange }: Base & { checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label style={{ display: 'flex', gap: '0.4rem', alignItems: 'center' }}>
      <input type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/** Several values of a set, as checkboxes (commission scopes, cameras a sign or consent covers). */
export function MultiField({ label, name, options, value, onChange }: Base & { options: { id: string; name: string }[]; value: string[]; onChange: (v: string[]) => void }) {
  return (
    <fieldset data-name={name}>
      <legend>{label}</legend>
      {options.map((o) => (
        <label key={o.id} style={{ display: 'flex', gap: '0.4rem', alignItems: 'center' }}>
          <input
            type="checkbox"
            name={name}
            value={o.id}
            checked={value.includes(o.id)}
            onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((v) => v !== o.id))}
          />
          {o.name}
        </label>
      ))}
    </fieldset>
  );
}

/** Save: disabled while the request runs, so a second click never makes a duplicate. */
export function SaveButton({ saving, children }: { saving: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <button type="submit" name="save" disabled={saving} aria-busy={saving}>
      {saving ? t('desk.saving') : (children ?? t('app.save'))}
    </button>
  );
}
