/**
 * Advisories as CSAF 2.0 JSON (OASIS CSAF v2.0): one document is one advisory. Read: document.tracking.id
 * and title, the product tree's branches (csaf-tree.ts), and per vulnerability its CVE, product_status
 * (known/first/last affected; fixed, first_fixed) and severity from scores (CVSS v3 baseSeverity or
 * baseScore, CVSS v2 baseScore), else an 'impact' threat naming a severity, else the document's
 * aggregate_severity. What cannot be read is refused with a code, or reported as a warning when the rest stands.
 */
import { InvalidError } from '../shared/errors.ts';
import type { AdvisoryProduct, AdvisorySeverity } from './model.ts';
import { arr, isObject, productsOfTree, str, type TreeProduct } from './csaf-tree.ts';
import { clip, highest, MAX_PRODUCTS, severityOf, tooLarge, type ImportWarning, type ParseResult } from './parsed.ts';
import { parseRange, parseVersion } from './version.ts';

function invalid(code: string, zh: string, en: string, details?: Record<string, unknown>): InvalidError {
  return new InvalidError(code, { message: { zh, en }, ...(details ? { details } : {}) });
}

function fromScore(score: unknown): AdvisorySeverity | undefined {
  if (typeof score !== 'number' || !Number.isFinite(score)) return undefined;
  return score >= 9 ? 'CRITICAL' : score >= 7 ? 'HIGH' : score >= 4 ? 'MEDIUM' : 'LOW';
}

function severityOfScore(score: Record<string, unknown>): AdvisorySeverity | undefined {
  const v3 = isObject(score.cvss_v3) ? score.cvss_v3 : undefined;
  const v2 = isObject(score.cvss_v2) ? score.cvss_v2 : undefined;
  const named = str(v3?.baseSeverity);
  return (named && named.toUpperCase() === 'NONE' ? 'LOW' : named && severityOf(named)) || fromScore(v3?.baseScore) || fromScore(v2?.baseScore);
}

/** Severity of each product a vulnerability names, falling back to the vulnerability's and the document's. */
function severities(vuln: Record<string, unknown>, fallback: AdvisorySeverity | undefined): { byProduct: Map<string, AdvisorySeverity>; general?: AdvisorySeverity } {
  const byProduct = new Map<string, AdvisorySeverity>();
  for (const score of arr(vuln.scores).filter(isObject)) {
    const severity = severityOfScore(score);
    if (!severity) continue;
    for (const id of arr(score.products).map(str)) if (id) byProduct.set(id, highest([severity, byProduct.get(id) ?? severity]));
  }
  const impact = arr(vuln.threats)
    .filter(isObject)
    .filter((t) => t.category === 'impact')
    .map((t) => severityOf(str(t.details) ?? ''))
    .find(Boolean);
  return { byProduct, general: impact ?? fallback };
}

function affectedText(product: TreeProduct): string | undefined {
  if (product.versionRange) return product.versionRange;
  const version = product.version ? parseVersion(product.version) : null;
  return version ? `=${version.join('.')}` : undefined;
}

export function parseCsaf(doc: unknown): ParseResult {
  if (!isObject(doc) || !isObject(doc.document)) throw invalid('E_CSAF_INVALID', '不是 CSAF 文档:缺少 document 对象', 'Not a CSAF document: no "document" object');
  const meta = doc.document;
  if (meta.csaf_version !== '2.0') {
    throw invalid('E_CSAF_VERSION', `仅支持 CSAF 2.0,收到版本"${clip(String(str(meta.csaf_version) ?? '无'), 20)}"`, 'Only CSAF 2.0 is supported', { csafVersion: clip(String(meta.csaf_version), 20) });
  }
  const reference = isObject(meta.tracking) ? str(meta.tracking.id) : undefined;
  if (!reference) throw invalid('E_CSAF_INVALID', 'CSAF 文档缺少 document.tracking.id', 'The CSAF document has no document.tracking.id', { path: 'document.tracking.id' });
  const vulnerabilities = arr(doc.vulnerabilities).filter(isObject);
  if (vulnerabilities.length > MAX_PRODUCTS) throw tooLarge(vulnerabilities.length);
  const tree = productsOfTree(doc.product_tree);
  const fallback = isObject(meta.aggregate_severity) ? severityOf(str(meta.aggregate_severity.text) ?? '') : undefined;
  const warnings: ImportWarning[] = [];
  const products = new Map<string, AdvisoryProduct>();
  const cves: string[] = [];

  for (const vuln of vulnerabilities) {
    const cve = str(vuln.cve);
    if (cve && !cves.includes(clip(cve, 50))) cves.push(clip(cve, 50));
    const status = isObject(vuln.product_status) ? vuln.product_status : {};
    const ids = (keys: string[]) => keys.flatMap((k) => arr(status[k]).map(str)).filter((id): id is string => id !== undefined);
    const fixed = ids(['fixed', 'first_fixed']).map((id) => tree.get(id)).filter((p): p is TreeProduct => p !== undefined);
    const { byProduct, general } = severities(vuln, fallback);
    for (const id of ids(['known_affected', 'first_affected', 'last_affected'])) {
      const product = tree.get(id);
      const affected = product && affectedText(product);
      if (!product?.vendor || !product.model || !affected) {
        warnings.push({
          code: 'W_CSAF_PRODUCT_UNREADABLE',
          message: { zh: `产品 ${clip(id, 100)} 缺少厂商、型号或版本,未匹配`, en: `Product ${clip(id, 100)} has no vendor, model or version in the product tree; not matched` },
          details: { productId: clip(id, 100) },
        });
        continue;
      }
      const severity = byProduct.get(id) ?? general;
      if (!severity) throw invalid('E_CSAF_NO_SEVERITY', `无法确定产品 ${clip(id, 100)} 的严重程度(无 CVSS 评分或 aggregate_severity)`, `No severity for product ${clip(id, 100)}: no CVSS score and no aggregate_severity`, { productId: clip(id, 100), cve });
      try {
        parseRange(affected);
      } catch (error) {
        if (error instanceof InvalidError) throw invalid('E_VERSION_RANGE', error.localized.zh, error.localized.en, { productId: clip(id, 100) });
        throw error;
      }
      const fix = fixed.find((f) => f.vendor === product.vendor && f.model === product.model && f.version);
      const key = `${product.vendor}\u0000${product.model}\u0000${affected}`;
      const previous = products.get(key);
      products.set(key, {
        vendor: clip(product.vendor, 200),
        model: clip(product.model, 200),
        affected: clip(affected, 500),
        fixedVersion: previous?.fixedVersion ?? (fix?.version ? clip(fix.version, 100) : null),
        severity: previous ? highest([previous.severity, severity]) : severity,
      });
      if (products.size > MAX_PRODUCTS) throw tooLarge(products.size);
    }
  }
  if (products.size === 0) {
    throw invalid('E_CSAF_NO_PRODUCTS', 'CSAF 文档中没有可识别的受影响产品(厂商、型号、版本)', 'The CSAF document names no affected product with vendor, model and version that can be read', {
      warnings: warnings.slice(0, 20),
    });
  }
  const title = str(meta.title);
  return {
    advisories: [{ source: 'CSAF', reference: clip(reference, 500), title: title ? clip(title, 1000) : null, cves, products: [...products.values()] }],
    warnings: warnings.slice(0, 100),
  };
}
