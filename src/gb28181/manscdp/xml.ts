/**
 * MANSCDP bodies (GB/T 28181-2022 Annex A, Application/MANSCDP+xml): decoded from the charset their XML
 * declaration names (GB2312/GBK through the GB18030 decoder, which covers both), parsed with
 * fast-xml-parser under strict limits (size, depth, no DOCTYPE), into the root element, CmdType, SN and
 * DeviceID. Every failure is an E_GB_MANSCDP InvalidError; nothing else is thrown on network input.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { gbManscdp } from '../gb-errors.ts';

export const MANSCDP_CONTENT_TYPE = 'Application/MANSCDP+xml';
export const MANSCDP_MAX_BYTES = 128 * 1024;
export const MANSCDP_MAX_DEPTH = 16;

export type ManscdpRoot = 'Query' | 'Control' | 'Response' | 'Notify';
const ROOTS: readonly string[] = ['Query', 'Control', 'Response', 'Notify'];

export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

export interface ManscdpMessage {
  root: ManscdpRoot;
  cmdType: string;
  sn: number;
  deviceId: string;
  body: XmlNode;
}

/** Tags that repeat (lists) and are always read as arrays. */
const LIST_TAGS = new Set(['Item']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: { enabled: true, maxEntityCount: 0, maxTotalExpansions: 10_000, maxExpandedLength: MANSCDP_MAX_BYTES },
  htmlEntities: false,
  maxNestedTags: MANSCDP_MAX_DEPTH,
  isArray: (name) => LIST_TAGS.has(name),
});

/** The text of the body in the charset its declaration names (GB2312, GBK, GB18030 or UTF-8). */
export function decodeManscdp(bytes: Buffer): string {
  const head = bytes.subarray(0, 200).toString('latin1');
  const encoding = /encoding\s*=\s*["']([A-Za-z0-9_-]+)["']/i.exec(head)?.[1]?.toUpperCase();
  const gb = encoding !== undefined && /^(GB2312|GBK|GB18030|GB_2312-80|CP936)$/.test(encoding);
  return new TextDecoder(gb ? 'gb18030' : 'utf-8').decode(bytes);
}

export function parseManscdp(bytes: Buffer): ManscdpMessage {
  if (bytes.length > MANSCDP_MAX_BYTES) throw gbManscdp(`body of ${bytes.length} bytes exceeds ${MANSCDP_MAX_BYTES}`);
  const text = decodeManscdp(bytes);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw gbManscdp('DOCTYPE and entity declarations are not accepted');
  if (depthOf(text) > MANSCDP_MAX_DEPTH) throw gbManscdp(`nested deeper than ${MANSCDP_MAX_DEPTH}`);
  let tree: XmlNode;
  try {
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw gbManscdp(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
    tree = parser.parse(text) as XmlNode;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'E_GB_MANSCDP') throw error;
    throw gbManscdp(`not readable XML: ${error instanceof Error ? error.message.slice(0, 120) : 'unknown'}`);
  }
  const roots = Object.keys(tree).filter((key) => !key.startsWith('?'));
  const root = roots[0];
  if (roots.length !== 1 || !root || !ROOTS.includes(root)) throw gbManscdp(`root element must be one of ${ROOTS.join(', ')}`);
  const body = tree[root];
  if (!isNode(body)) throw gbManscdp(`<${root}> has no fields`);
  const cmdType = text1(body, 'CmdType');
  const sn = text1(body, 'SN');
  const deviceId = text1(body, 'DeviceID');
  if (!cmdType) throw gbManscdp('CmdType missing');
  if (!sn || !/^\d{1,10}$/.test(sn)) throw gbManscdp('SN missing or not a number');
  if (!deviceId || !/^\d{1,32}$/.test(deviceId)) throw gbManscdp('DeviceID missing or not a code');
  return { root: root as ManscdpRoot, cmdType, sn: Number(sn), deviceId, body };
}

export const isNode = (value: XmlValue | undefined): value is XmlNode => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of a child element, or undefined (an element with attributes keeps its text in `#text`). */
export function text1(node: XmlNode, name: string): string | undefined {
  const value = node[name];
  if (typeof value === 'string') return value;
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'];
  if (isNode(value)) return '';
  return undefined;
}

export function int1(node: XmlNode, name: string): number | null {
  const text = text1(node, name);
  return text !== undefined && /^-?\d{1,12}$/.test(text) ? Number(text) : null;
}

export function float1(node: XmlNode, name: string): number | null {
  const text = text1(node, name);
  if (text === undefined || text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** `<List Num="n"><Item>…</Item>…</List>` → its items (objects only). */
export function itemsOf(node: XmlNode, listName: string): XmlNode[] {
  const list = node[listName];
  if (!isNode(list)) return [];
  const items = list.Item;
  return Array.isArray(items) ? items.filter(isNode) : [];
}

function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  const re = /<(\/?)([A-Za-z_][^\s/>]*)[^>]*?(\/?)>/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1]) depth--;
    else if (!m[3]) max = Math.max(max, ++depth);
  }
  return max;
}

/** Escapes text for an element's content. */
export const xmlText = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
