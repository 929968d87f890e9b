/**
 * RFC 5424 syslog messages of alarm events: facility authpriv (10) for security alarms, local0 (16) for
 * the others; severity crit, warning or info; structured data `custos@32473` (the documentation
 * enterprise number of RFC 5612) with kind, category, article, actor, target and source address.
 */
import type { AlarmSeverity } from '../../alarm-kinds.ts';
import type { AlarmFacts } from './alarm-facts.ts';

export const SD_ID = 'custos@32473';

export interface SyslogHeader {
  hostname: string;
  appName: string;
  procId: string;
}

const SEVERITY_CODE: Record<AlarmSeverity, number> = { CRITICAL: 2, WARNING: 4, INFO: 6 };

export function priorityOf(facts: AlarmFacts): number {
  const facility = facts.alarm.category === 'SECURITY' ? 10 : 16;
  return facility * 8 + SEVERITY_CODE[facts.alarm.severity];
}

/** A header field: printable US-ASCII without spaces, at most `max` characters, or the NILVALUE. */
export function headerField(value: string, max: number): string {
  const clean = value.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return clean.length > 0 ? clean : '-';
}

/** A PARAM-VALUE: `"`, `\` and `]` escaped (RFC 5424 §6.3.3). */
export function paramValue(value: string): string {
  return value.replace(/[\\"\]]/g, (c) => `\\${c}`);
}

export function structuredData(facts: AlarmFacts): string {
  const { alarm } = facts;
  const params: [string, string | undefined][] = [
    ['event', facts.event],
    ['alarmId', alarm.id],
    ['kind', alarm.kind],
    ['category', alarm.category],
    ['severity', alarm.severity],
    ['article', alarm.article],
    ['subject', alarm.subject],
    ['cameraId', alarm.cameraId ?? undefined],
    ['actor', facts.actor],
    ['target', facts.target],
    ['src', facts.sourceAddress],
  ];
  const body = params.filter((p): p is [string, string] => p[1] !== undefined).map(([name, value]) => ` ${name}="${paramValue(value)}"`);
  return `[${SD_ID}${body.join('')}]`;
}

export function messageText(facts: AlarmFacts): string {
  const { alarm } = facts;
  const who = [facts.actor && `actor=${facts.actor}`, facts.target && `target=${facts.target}`, facts.sourceAddress && `src=${facts.sourceAddress}`].filter(Boolean).join(' ');
  return `${alarm.kind} ${facts.event} (art. ${alarm.article}) subject=${alarm.subject}${who ? ` ${who}` : ''}`.replace(/[\r\n]+/g, ' ');
}

/** One RFC 5424 message; `msg` replaces the text (CEF rides in it) and leaves the structured data out. */
export function formatRfc5424(facts: AlarmFacts, header: SyslogHeader, msg?: string): string {
  const timestamp = new Date(facts.at).toISOString();
  const fields = [
    `<${priorityOf(facts)}>1`,
    timestamp,
    headerField(header.hostname, 255),
    headerField(header.appName, 48),
    headerField(header.procId, 128),
    headerField(facts.alarm.kind, 32),
    msg === undefined ? structuredData(facts) : '-',
  ];
  // The BOM marks the free text as UTF-8 (RFC 5424 §6.4): subjects may be Chinese names.
  return `${fields.join(' ')} \uFEFF${msg ?? messageText(facts)}`;
}
