/**
 * The syslog output (REG-23-4): every alarm event of the configured categories (security by default)
 * goes from the event bus to the collector as RFC 5424 with structured data, or as CEF.
 */
import { hostname } from 'node:os';
import type { EventBus } from '../../event-bus.ts';
import type { SyslogConfig } from '../security-config.ts';
import { factsOfAlarm, type AlarmEventType } from './alarm-facts.ts';
import { formatCef } from './cef.ts';
import { formatRfc5424, type SyslogHeader } from './rfc5424.ts';
import { openSyslogTransport, type SyslogTransport } from './syslog-transport.ts';

export interface SyslogOutput {
  flush(): Promise<void>;
  /** Sends what is queued (waiting a few seconds at most for the collector), then closes. */
  stop(): Promise<void>;
}

const EVENT_TYPES: Record<string, AlarmEventType> = { 'alarm.raised': 'raised', 'alarm.ended': 'ended', 'alarm.acknowledged': 'acknowledged' };

/** Subscribes the syslog output to the bus; undefined when no collector is configured. */
export function startSyslogOutput(bus: EventBus, config: SyslogConfig, onError?: (error: Error) => void, transport?: SyslogTransport): SyslogOutput | undefined {
  if (!config.host) return undefined;
  const out = transport ?? openSyslogTransport({ host: config.host, port: config.port, protocol: config.protocol }, onError);
  const header: SyslogHeader = { hostname: config.hostname ?? hostname(), appName: config.appName, procId: String(process.pid) };
  const categories = new Set<string>(config.categories);
  const unsubscribe = bus.subscribe((event) => {
    const type = EVENT_TYPES[event.type];
    if (!type || !('alarm' in event) || !categories.has(event.alarm.category)) return;
    const facts = factsOfAlarm(type, event.alarm);
    out.send(config.format === 'cef' ? formatRfc5424(facts, header, formatCef(facts)) : formatRfc5424(facts, header));
  });
  return {
    flush: () => out.flush(),
    async stop() {
      unsubscribe();
      await out.flush();
      await out.close();
    },
  };
}
