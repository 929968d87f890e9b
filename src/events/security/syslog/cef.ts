/**
 * ArcSight Common Event Format (CEF:0) of alarm events, sent in the MSG part of an RFC 5424 message:
 * header fields with `|` and `\` escaped, extension values with `=`, `\` and line breaks escaped.
 */
import { VERSION } from '../../../version.ts';
import type { AlarmSeverity } from '../../alarm-kinds.ts';
import type { AlarmFacts } from './alarm-facts.ts';

const CEF_SEVERITY: Record<AlarmSeverity, number> = { CRITICAL: 9, WARNING: 6, INFO: 3 };
const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+)$/i;

export function cefHeaderField(value: string): string {
  return value.replace(/[\\|]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

export function cefExtensionValue(value: string): string {
  return value.replace(/[\\=]/g, (c) => `\\${c}`).replace(/\r?\n|\r/g, '\\n');
}

export function formatCef(facts: AlarmFacts): string {
  const { alarm } = facts;
  const name = `${alarm.kind} ${facts.event}`;
  const ext: [string, string | undefined][] = [
    ['rt', String(Date.parse(facts.at))],
    ['act', facts.event],
    ['cat', alarm.category],
    ['suser', facts.actor],
    ['duser', facts.target],
    // src holds an address only; anything else (a proxy's name) goes to shost.
    [facts.sourceAddress && IP.test(facts.sourceAddress) ? 'src' : 'shost', facts.sourceAddress],
    ['cs1Label', 'article'],
    ['cs1', alarm.article],
    ['cs2Label', 'alarmId'],
    ['cs2', alarm.id],
    ['cs3Label', 'subject'],
    ['cs3', alarm.subject],
    ['cs4Label', 'cameraId'],
    ['cs4', alarm.cameraId ?? undefined],
  ];
  const extension = ext
    .filter((e): e is [string, string] => e[1] !== undefined)
    .filter(([key], _i, all) => !key.endsWith('Label') || all.some(([k]) => k === key.slice(0, -5)))
    .map(([key, value]) => `${key}=${cefExtensionValue(value)}`)
    .join(' ');
  const header = ['CEF:0', 'Custos', 'Custos VMS', VERSION, alarm.kind, name, String(CEF_SEVERITY[alarm.severity])].map((f, i) => (i === 0 ? f : cefHeaderField(f)));
  return `${header.join('|')}|${extension}`;
}
