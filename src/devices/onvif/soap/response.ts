/**
 * Reads a SOAP answer with the strict XML reader (no DTD, bounded size and depth): the element the
 * call returns, or an OnvifError: E_ONVIF_AUTH for an authentication fault, E_ONVIF_FAULT for any
 * other fault (with its subcode), E_ONVIF_RESPONSE for anything malformed.
 */
import { OnvifError } from './errors.ts';
import { childrenNamed, findElement, parseXml, textOf, XmlError, type XmlElement } from './xml.ts';

export const MAX_FIELD = 1024;

export function parseEnvelope(xml: string): { root: XmlElement; body: XmlElement } {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlError) throw new OnvifError('E_ONVIF_RESPONSE', `not well-formed XML: ${error.message}`);
    throw error;
  }
  if (root.name !== 'Envelope') throw new OnvifError('E_ONVIF_RESPONSE', 'not a SOAP envelope');
  const body = childrenNamed(root, 'Body')[0];
  if (!body) throw new OnvifError('E_ONVIF_RESPONSE', 'a SOAP envelope without a Body');
  const fault = findElement(body, 'Fault');
  if (fault) throw faultError(fault);
  return { root, body };
}

function faultError(fault: XmlElement): OnvifError {
  const reason = findElement(fault, 'Reason') ?? findElement(fault, 'faultstring');
  const subcodes: string[] = [];
  for (let code = findElement(fault, 'Subcode'); code; code = childrenNamed(code, 'Subcode')[0]) {
    const value = childrenNamed(code, 'Value')[0];
    if (value) subcodes.push(textOf(value).trim());
  }
  const subcode = subcodes.at(-1)?.slice(0, 100) ?? null;
  const text = `${subcodes.join(' ')} ${reason ? textOf(reason).trim() : ''}`.trim().slice(0, 200);
  const auth = /NotAuthorized|FailedAuthentication|Sender/i.test(text);
  return new OnvifError(auth ? 'E_ONVIF_AUTH' : 'E_ONVIF_FAULT', text || 'SOAP fault', subcode);
}

/** The response element `name` in the Body of the answer. */
export function parseResponse(xml: string, name: string): XmlElement {
  const { body } = parseEnvelope(xml);
  const response = findElement(body, name);
  if (!response) throw new OnvifError('E_ONVIF_RESPONSE', `no ${name} in the Body`);
  return response;
}

/** Trimmed text of the first descendant `name`; null when absent or empty; too long is E_ONVIF_RESPONSE. */
export function text(element: XmlElement | undefined, name: string): string | null {
  const found = element ? findElement(element, name) : undefined;
  const value = found ? textOf(found).trim() : '';
  if (value.length > MAX_FIELD) throw new OnvifError('E_ONVIF_RESPONSE', `${name} longer than ${MAX_FIELD} characters`);
  return value === '' ? null : value;
}

export function requiredText(element: XmlElement | undefined, name: string, max = MAX_FIELD): string {
  const value = text(element, name);
  if (value === null) throw new OnvifError('E_ONVIF_RESPONSE', `the answer has no ${name}`);
  if (value.length > max) throw new OnvifError('E_ONVIF_RESPONSE', `${name} longer than ${max} characters`);
  return value;
}

export function numberOf(element: XmlElement | undefined, name: string): number | null {
  const value = text(element, name);
  if (value === null) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export { childrenNamed, findElement, textOf, type XmlElement };

/** Every descendant with this local name, depth first. */
export function findAll(element: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    if (child.name === name) out.push(child);
    findAll(child, name, out);
  }
  return out;
}
