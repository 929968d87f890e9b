/**
 * Advisories as CSV (RFC 4180: comma separated, double quotes, "" inside quotes), one affected product
 * per row, a header row naming the columns: vendor, model, affected, severity, fixedVersion, reference
 * (optional: cve, title). Rows sharing a reference form one advisory.
 */
import { InvalidError } from '../shared/errors.ts';
import type { AdvisoryProduct } from './model.ts';
import { clip, MAX_PRODUCTS, severityOf, tooLarge, type ParsedAdvisory } from './parsed.ts';
import { parseRange } from './version.ts';

type Column = 'vendor' | 'model' | 'affected' | 'severity' | 'fixedVersion' | 'reference' | 'cve' | 'title';
const REQUIRED: Column[] = ['vendor', 'model', 'affected', 'severity'];
const ALIASES: Record<string, Column> = {
  vendor: 'vendor', manufacturer: 'vendor', 厂商: 'vendor',
  model: 'model', product: 'model', productname: 'model', 型号: 'model',
  affected: 'affected', affectedversions: 'affected', affectedversion: 'affected', affectedversionrange: 'affected', versionrange: 'affected', 受影响版本: 'affected',
  severity: 'severity', 严重程度: 'severity',
  fixedversion: 'fixedVersion', fixed: 'fixedVersion', 修复版本: 'fixedVersion',
  reference: 'reference', ref: 'reference', advisory: 'reference', url: 'reference', 参考: 'reference',
  cve: 'cve', title: 'title',
};

function csvError(code: string, line: number, zh: string, en: string, details: Record<string, unknown> = {}): InvalidError {
  return new InvalidError(code, { message: { zh: `第${line}行:${zh}`, en: `Line ${line}: ${en}` }, details: { line, ...details } });
}

/** Splits CSV text into records of fields, each with the line it starts on. */
export function csvRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\n') line++;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (s[i + 1] === '"') field += s[++i];
      else quoted = false;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      if (ch === '\r') line++;
      fields.push(field);
      records.push({ line: start, fields });
      if (records.length > MAX_PRODUCTS + 1) throw tooLarge(records.length);
      fields = [];
      field = '';
      start = line;
    } else {
      field += ch;
    }
  }
  if (quoted) throw csvError('E_CSV_SYNTAX', start, '引号未闭合', 'a quoted field is not closed');
  if (field !== '' || fields.length > 0) records.push({ line: start, fields: [...fields, field] });
  return records.filter((r) => r.fields.some((f) => f.trim() !== ''));
}

function headerOf(fields: string[]): Map<Column, number> {
  const columns = new Map<Column, number>();
  fields.forEach((name, index) => {
    const key = name.trim().toLowerCase().replace(/[\s_-]/g, '');
    const column = Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
    if (column && !columns.has(column)) columns.set(column, index);
  });
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw new InvalidError('E_CSV_HEADER', {
      message: { zh: `CSV 首行缺少列:${missing.join('、')}`, en: `The CSV header lacks the column(s): ${missing.join(', ')}` },
      details: { missing, expected: ['vendor', 'model', 'affected', 'severity', 'fixedVersion', 'reference'] },
    });
  }
  return columns;
}

export function parseAdvisoryCsv(text: string): ParsedAdvisory[] {
  const [header, ...rows] = csvRecords(text);
  if (!header) throw new InvalidError('E_ADVISORY_EMPTY', { message: { zh: '上传的通告为空', en: 'The uploaded advisory is empty' } });
  const columns = headerOf(header.fields);
  if (rows.length === 0) throw new InvalidError('E_ADVISORY_EMPTY', { message: { zh: 'CSV 只有表头,没有数据行', en: 'The CSV has a header but no rows' } });
  const groups = new Map<string, ParsedAdvisory>();
  for (const { line, fields } of rows) {
    if (fields.length !== header.fields.length) {
      throw csvError('E_CSV_ROW', line, `应有 ${header.fields.length} 列,实有 ${fields.length} 列`, `expected ${header.fields.length} fields, found ${fields.length}`);
    }
    const get = (c: Column) => (columns.has(c) ? fields[columns.get(c)!]!.trim() : '');
    for (const c of REQUIRED) {
      if (get(c) === '') throw csvError('E_CSV_ROW', line, `"${c}" 列为空`, `the "${c}" field is empty`, { field: c });
    }
    const severity = severityOf(get('severity'));
    if (!severity) {
      throw csvError('E_SEVERITY_UNKNOWN', line, `无法识别严重程度"${clip(get('severity'), 30)}"(应为 critical/high/medium/low)`, `unknown severity "${clip(get('severity'), 30)}" (critical, high, medium or low)`, { field: 'severity' });
    }
    try {
      parseRange(get('affected'));
    } catch (error) {
      if (error instanceof InvalidError) throw csvError('E_VERSION_RANGE', line, error.localized.zh, error.localized.en, { field: 'affected' });
      throw error;
    }
    const product: AdvisoryProduct = {
      vendor: clip(get('vendor'), 200),
      model: clip(get('model'), 200),
      affected: clip(get('affected'), 500),
      fixedVersion: get('fixedVersion') ? clip(get('fixedVersion'), 100) : null,
      severity,
    };
    const reference = get('reference') ? clip(get('reference'), 500) : null;
    const key = reference ?? `row:${line}`;
    const advisory = groups.get(key) ?? { source: 'CSV' as const, reference, title: get('title') ? clip(get('title'), 1000) : null, cves: [], products: [] };
    advisory.products.push(product);
    const cve = clip(get('cve'), 50);
    if (cve && !advisory.cves.includes(cve)) advisory.cves.push(cve);
    groups.set(key, advisory);
  }
  return [...groups.values()];
}

