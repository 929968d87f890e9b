/**
 * The syslog output in detail: RFC 5424 escaping and header fields, CEF escaping, the categories
 * chosen, the configuration, and a TCP collector that drops the connection (messages wait and go
 * out after the reconnect, octet-counted).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load.ts';
import type { AlarmRecord } from '../../../src/events/alarm-model.ts';
import { EventBus } from '../../../src/events/event-bus.ts';
import { factsOfAlarm } from '../../../src/events/security/syslog/alarm-facts.ts';
import { cefExtensionValue, formatCef } from '../../../src/events/security/syslog/cef.ts';
import { formatRfc5424, headerField, paramValue } from '../../../src/events/security/syslog/rfc5424.ts';
import { startSyslogOutput, type SyslogOutput } from '../../../src/events/security/syslog/syslog-subscriber.ts';
import { tcpListener, tcpListenerAt } from './syslog-listener.ts';

function alarm(patch: Partial<AlarmRecord> = {}): AlarmRecord {
  return {
    id: 'alm_1',
    kind: 'SECURITY_BRUTE_FORCE',
    category: 'SECURITY',
    severity: 'CRITICAL',
    article: '23(3)',
    cameraId: null,
    subject: 'zhang"san]',
    startedAt: '2025-06-01T02:00:00.000Z',
    endedAt: null,
    details: { account: 'zhang"san]', address: '10.0.0.7' },
    snapshots: [],
    acknowledgement: null,
    ...patch,
  };
}

const HEADER = { hostname: 'custos host', appName: 'custos', procId: '42' };

describe('syslog formats', () => {
  it('RFC 5424: priority, timestamp, NILVALUE, escaped structured data, UTF-8 text after a BOM', () => {
    const message = formatRfc5424(factsOfAlarm('raised', alarm()), HEADER);
    expect(message.startsWith('<82>1 2025-06-01T02:00:00.000Z custoshost custos 42 SECURITY_BRUTE_FORCE [custos@32473 event="raised"')).toBe(true);
    expect(message).toContain('subject="zhang\\"san\\]"');
    expect(message).toContain('target="zhang\\"san\\]" src="10.0.0.7"]');
    expect(message).toContain(' \uFEFFSECURITY_BRUTE_FORCE raised (art. 23(3))');
    expect(paramValue('a\\b"c]d')).toBe('a\\\\b\\"c\\]d');
    expect(headerField('', 48)).toBe('-');
    expect(headerField('名字 with spaces', 48)).toBe('withspaces');
    const tamper = formatRfc5424(factsOfAlarm('ended', alarm({ kind: 'TAMPER_OCCLUSION', category: 'TAMPER', severity: 'CRITICAL', cameraId: 'cam_1', subject: 'cam_1', details: {}, endedAt: '2025-06-01T03:00:00.000Z' })), HEADER);
    expect(tamper.startsWith('<130>1 2025-06-01T03:00:00.000Z')).toBe(true);
    expect(tamper).toContain('cameraId="cam_1"');
  });

  it('CEF: header pipes and extension equals signs escaped, line breaks kept out', () => {
    const cef = formatCef(factsOfAlarm('raised', alarm({ kind: 'SEC_ADMIN_CREATED', severity: 'INFO', subject: 'a|b', details: { actor: 'x=y\nz', target: 'a|b', sourceAddress: 'proxy.local' } })));
    expect(cef).toMatch(/^CEF:0\|Custos\|Custos VMS\|[^|]+\|SEC_ADMIN_CREATED\|SEC_ADMIN_CREATED raised\|3\|/);
    expect(cef).toContain('suser=x\\=y\\nz');
    expect(cef).toContain('shost=proxy.local');
    expect(cef).not.toContain('\n');
    expect(cefExtensionValue('a\\b=c')).toBe('a\\\\b\\=c');
  });

  it('configuration: categories as a list or comma-separated; a bad protocol or category is refused', () => {
    const config = loadConfig({ env: { CUSTOS_DATA_DIR: '.', CUSTOS_SYSLOG_HOST: 'siem.local', CUSTOS_SYSLOG_CATEGORIES: 'security, tamper' } });
    expect(config.events.syslog).toMatchObject({ host: 'siem.local', port: 514, protocol: 'udp', format: 'rfc5424', categories: ['SECURITY', 'TAMPER'] });
    expect(() => loadConfig({ env: { CUSTOS_DATA_DIR: '.', CUSTOS_SYSLOG_PROTOCOL: 'http' } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { CUSTOS_DATA_DIR: '.', CUSTOS_SYSLOG_CATEGORIES: 'EVERYTHING' } })).toThrow(ConfigError);
    expect(loadConfig({ env: { CUSTOS_DATA_DIR: '.' } }).security).toMatchObject({ mediaRefusals: 5, exportsPerDay: 5, defaultCredentialCheck: true, onvifPort: 80 });
  });
});

describe('syslog over TCP', () => {
  let output: SyslogOutput | undefined;
  afterEach(async () => output?.stop());

  it('sends only the chosen categories, and what was sent while the collector dropped the line arrives after the reconnect', async () => {
    const listener = await tcpListener();
    const bus = new EventBus();
    output = startSyslogOutput(bus, { host: '127.0.0.1', port: listener.port, protocol: 'tcp', format: 'rfc5424', categories: ['SECURITY'], appName: 'custos', hostname: 'h' });
    bus.publish({ type: 'alarm.raised', alarm: alarm({ kind: 'TAMPER_OCCLUSION', category: 'TAMPER', subject: 'cam_1' }) });
    bus.publish({ type: 'alarm.raised', alarm: alarm({ id: 'alm_first' }) });
    await listener.waitFor((m) => m.includes('alarmId="alm_first"'));
    await listener.close();
    // Custos sees the collector's close (plain TCP syslog has no acknowledgements: a message written into a
    // connection the peer has already dropped, before its FIN arrives, is lost, as RFC 6587 warns).
    await new Promise((resolve) => setTimeout(resolve, 200));

    // The same port again: a collector restarted.
    const restarted = await tcpListenerAt(listener.port);
    bus.publish({ type: 'alarm.ended', alarm: alarm({ id: 'alm_second', endedAt: '2025-06-01T02:10:00.000Z' }) });
    const second = await restarted.waitFor((m) => m.includes('alarmId="alm_second"'), 8000);
    expect(second).toContain('event="ended"');
    expect([...listener.messages, ...restarted.messages].some((m) => m.includes('TAMPER_OCCLUSION'))).toBe(false);
    expect(restarted.messages).not.toContain('!BAD FRAME');
    await restarted.close();
  }, 15_000);

  it('stops without waiting on a collector that never answers (what it could not send is dropped)', async () => {
    const bus = new EventBus();
    // 192.0.2.0/24 (TEST-NET-1): nothing answers there.
    output = startSyslogOutput(bus, { host: '192.0.2.1', port: 6514, protocol: 'tcp', format: 'cef', categories: ['SECURITY'], appName: 'custos', hostname: 'h' });
    bus.publish({ type: 'alarm.raised', alarm: alarm() });
    await output?.stop();
    output = undefined;
  }, 10_000);
});
