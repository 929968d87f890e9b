import type { Alarm } from './alarm-api.ts';

/** What the detector or monitor saw, as figures: `name: value` pairs (lists joined). */
export function AlarmDetails({ alarm }: { alarm: Alarm }) {
  const entries = Object.entries(alarm.details).filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (entries.length === 0) return null;
  return (
    <dl className="alarm-details">
      {entries.map(([name, value]) => (
        <span key={name}>
          <dt>{name}</dt>
          <dd>{shown(value)}</dd>
        </span>
      ))}
    </dl>
  );
}

function shown(value: unknown): string {
  if (Array.isArray(value)) return value.map(shown).join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
