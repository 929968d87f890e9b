/** The simulator's side of SOAP: reading requests (strict reader), writing answers and faults. */
import { NS } from '../soap/envelope.ts';
import { childrenNamed, findElement, parseXml, textOf, XmlError, type XmlElement } from '../soap/xml.ts';

export const ENVELOPE_NS = Object.entries({ env: NS.soap, tds: NS.tds, trt: NS.trt, tt: NS.tt, tptz: NS.tptz, tev: NS.tev, wsnt: NS.wsnt, wsa: NS.wsa, tns1: NS.tns1, ter: NS.ter })
  .map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`)
  .join(' ');

export function answer(body: string, header = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><env:Envelope ${ENVELOPE_NS}>${header ? `<env:Header>${header}</env:Header>` : ''}<env:Body>${body}</env:Body></env:Envelope>`;
}

export function fault(code: 'Sender' | 'Receiver', subcode: string, reason: string): string {
  return answer(`<env:Fault><env:Code><env:Value>env:${code}</env:Value><env:Subcode><env:Value>${subcode}</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang="en">${reason}</env:Text></env:Reason></env:Fault>`);
}

export interface SoapRequest {
  /** The first element of the Body: the operation. */
  operation: XmlElement;
  header: XmlElement | undefined;
}

export function readRequest(xml: string): SoapRequest | undefined {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlError) return undefined;
    throw error;
  }
  const body = childrenNamed(root, 'Body')[0];
  const operation = body?.children.find((c): c is XmlElement => typeof c !== 'string');
  return operation ? { operation, header: childrenNamed(root, 'Header')[0] } : undefined;
}

export const field = (element: XmlElement | undefined, name: string): string | undefined => {
  const found = element ? findElement(element, name) : undefined;
  return found ? textOf(found).trim() : undefined;
};

export const esc = (value: string) => value.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);
