/**
 * MANSCDP bodies (GB/T 28181-2022 Annex A) as a device or lower platform writes and reads them:
 * documents built from escaped template strings, the platform's Query/Control parsed with
 * fast-xml-parser (no entities expanded, every value kept as text).
 */
import { XMLParser } from 'fast-xml-parser';

export const MANSCDP_CONTENT_TYPE = 'Application/MANSCDP+xml';

export class ManscdpParseError extends Error {
  readonly code = 'E_MANSCDP_PARSE';
}

export function xmlEscape(value: string | number): string {
  return String(value).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** `<Name>value</Name>` for each defined field (values escaped; nested XML passes through `raw`). */
export function fields(values: Record<string, string | number | null | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `<${k}>${xmlEscape(v!)}</${k}>`)
    .join('\n');
}

export function manscdpDocument(root: 'Response' | 'Notify' | 'Query' | 'Control', cmdType: string, sn: number | string, deviceId: string, body = ''): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<${root}>\n${fields({ CmdType: cmdType, SN: sn, DeviceID: deviceId })}\n${body}${body ? '\n' : ''}</${root}>\n`, 'utf8');
}

let sn = Math.floor(Math.random() * 100_000);
export const nextSn = (): number => (sn = (sn + 1) % 1_000_000_000);

export function keepaliveBody(deviceId: string): Buffer {
  return manscdpDocument('Notify', 'Keepalive', nextSn(), deviceId, fields({ Status: 'OK' }));
}

export interface ManscdpMessage {
  root: string;
  cmdType: string;
  sn: string;
  deviceId: string;
  /** The root's children (text values as strings). */
  body: Record<string, unknown>;
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, processEntities: true, htmlEntities: false, trimValues: true, ignoreDeclaration: true, ignorePiTags: true });

/** A MANSCDP document's root, CmdType, SN and DeviceID; ManscdpParseError when it is not one. */
export function parseManscdp(body: Buffer): ManscdpMessage {
  let doc: Record<string, unknown>;
  try {
    // Devices declare GB2312 and send ASCII for every field a query carries; names may be lost, codes not.
    doc = parser.parse(body.toString('utf8'), true) as Record<string, unknown>;
  } catch (error) {
    throw new ManscdpParseError(`not XML: ${error instanceof Error ? error.message.slice(0, 120) : 'unknown'}`);
  }
  const roots = Object.keys(doc).filter((k) => !k.startsWith('?'));
  const root = roots[0];
  const content = root ? doc[root] : undefined;
  if (!root || roots.length !== 1 || typeof content !== 'object' || content === null) throw new ManscdpParseError('no single MANSCDP root element');
  const value = content as Record<string, unknown>;
  const text = (name: string) => (typeof value[name] === 'string' ? value[name] : '');
  if (!text('CmdType')) throw new ManscdpParseError('no CmdType');
  return { root, cmdType: text('CmdType'), sn: text('SN'), deviceId: text('DeviceID'), body: value };
}

/** A child's text, or undefined. */
export function textOf(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
