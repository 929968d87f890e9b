/**
 * A strict, small XML reader for the SOAP answers of cameras: elements, attributes, text, CDATA,
 * the five named entities and character references. No DTD (a DOCTYPE is refused: no entity
 * expansion, no external entities), bounded size and depth. Anything else is an XmlError.
 */
export class XmlError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} at ${offset}`);
  }
}

export interface XmlElement {
  /** The local name, without the prefix. */
  name: string;
  prefix: string | null;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

export const MAX_XML_CHARS = 256 * 1024;
const MAX_DEPTH = 64;
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string, offset: number): string {
  return text.replace(/&([^;&\s]{0,10});|&/g, (whole, ref: string | undefined, at: number) => {
    if (ref === undefined) throw new XmlError('bare &', offset + at);
    if (ref in NAMED) return NAMED[ref] as string;
    const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
    const code = m ? Number.parseInt(m[1] ?? m[2] ?? '', m[1] ? 16 : 10) : NaN;
    const valid = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!valid) throw new XmlError(`unknown entity ${whole}`, offset + at);
    return String.fromCodePoint(code);
  });
}

export function parseXml(text: string): XmlElement {
  if (text.length > MAX_XML_CHARS) throw new XmlError('document too large', MAX_XML_CHARS);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  const expect = (token: string, reason: string): number => {
    const at = text.indexOf(token, i);
    if (at < 0) throw new XmlError(reason, i);
    return at;
  };

  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (chunk.length > 0) {
      const top = stack.at(-1);
      if (top) top.children.push(decode(chunk, i));
      else if (chunk.trim() !== '') throw new XmlError('text outside the root element', i);
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith('<?', i)) {
      i = expect('?>', 'unterminated processing instruction') + 2;
    } else if (text.startsWith('<!--', i)) {
      i = expect('-->', 'unterminated comment') + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = expect(']]>', 'unterminated CDATA');
      const top = stack.at(-1);
      if (!top) throw new XmlError('CDATA outside the root element', i);
      top.children.push(text.slice(i + 9, end));
      i = end + 3;
    } else if (text.startsWith('<!', i)) {
      throw new XmlError('DTDs and declarations are not accepted', i);
    } else if (text.startsWith('</', i)) {
      const m = NAME.exec(text.slice(i + 2, i + 2 + 200));
      const top = stack.pop();
      if (!m || !top) throw new XmlError('unexpected end tag', i);
      if (m[0] !== (top.prefix ? `${top.prefix}:${top.name}` : top.name)) throw new XmlError(`end tag </${m[0]}> does not close <${top.name}>`, i);
      i += 2 + m[0].length;
      while (/\s/.test(text[i] ?? '')) i++;
      if (text[i] !== '>') throw new XmlError('malformed end tag', i);
      i++;
    } else {
      i = openTag(text, i, stack, () => root, (element) => (root = element));
    }
  }
  if (stack.length > 0) throw new XmlError(`unclosed <${stack.at(-1)?.name}>`, text.length);
  if (!root) throw new XmlError('no root element', 0);
  return root;
}

function openTag(text: string, start: number, stack: XmlElement[], root: () => XmlElement | undefined, setRoot: (e: XmlElement) => void): number {
  let i = start + 1;
  const m = NAME.exec(text.slice(i, i + 200));
  if (!m) throw new XmlError('malformed start tag', start);
  const [prefix, name] = m[0].includes(':') ? (m[0].split(':') as [string, string]) : [null, m[0]];
  const element: XmlElement = { name, prefix, attributes: {}, children: [] };
  i += m[0].length;
  for (;;) {
    const space = i;
    while (/\s/.test(text[i] ?? '')) i++;
    if (text.startsWith('/>', i) || text[i] === '>') break;
    const a = i > space ? NAME.exec(text.slice(i, i + 200)) : null;
    if (!a) throw new XmlError('malformed attribute', i);
    i += a[0].length;
    while (/\s/.test(text[i] ?? '')) i++;
    if (text[i] !== '=') throw new XmlError('attribute without a value', i);
    i++;
    while (/\s/.test(text[i] ?? '')) i++;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") throw new XmlError('unquoted attribute value', i);
    const end = text.indexOf(quote, i + 1);
    if (end < 0) throw new XmlError('unterminated attribute value', i);
    const raw = text.slice(i + 1, end);
    if (raw.includes('<')) throw new XmlError('< in an attribute value', i);
    if (a[0] in element.attributes) throw new XmlError(`attribute ${a[0]} twice`, i);
    element.attributes[a[0]] = decode(raw, i + 1);
    i = end + 1;
  }
  const parent = stack.at(-1);
  if (parent) parent.children.push(element);
  else if (root()) throw new XmlError('a second root element', start);
  else setRoot(element);
  if (text.startsWith('/>', i)) return i + 2;
  if (stack.length >= MAX_DEPTH) throw new XmlError('nested too deeply', start);
  stack.push(element);
  return i + 1;
}

/** The child elements of `element` with this local name. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** The first element with this local name, depth first, or undefined. */
export function findElement(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    if (child.name === name) return child;
    const found = findElement(child, name);
    if (found) return found;
  }
  return undefined;
}

export function textOf(element: XmlElement): string {
  return element.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
