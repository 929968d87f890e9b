/**
 * CSAF 2.0 product_tree: the branches vendor → product_name → product_version or
 * product_version_range, each leaf naming a product_id. Other branch categories (product_family,
 * architecture, ...) are walked through; full_product_names and relationships carry no vendor and
 * model in this shape and are left to the caller to report.
 */
import { InvalidError } from '../shared/errors.ts';

export interface TreeProduct {
  productId: string;
  vendor?: string;
  model?: string;
  version?: string;
  versionRange?: string;
}

const MAX_DEPTH = 32;
const MAX_NODES = 20_000;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function tooComplex(reason: string): InvalidError {
  return new InvalidError('E_CSAF_TOO_COMPLEX', {
    message: { zh: `CSAF 产品树过深或过大(${reason})`, en: `The CSAF product tree is too deep or too large (${reason})` },
    details: { maxDepth: MAX_DEPTH, maxNodes: MAX_NODES },
  });
}

export function productsOfTree(tree: unknown): Map<string, TreeProduct> {
  const out = new Map<string, TreeProduct>();
  let nodes = 0;
  const walk = (branches: unknown, context: Omit<TreeProduct, 'productId'>, depth: number): void => {
    if (depth > MAX_DEPTH) throw tooComplex(`depth > ${MAX_DEPTH}`);
    for (const branch of arr(branches)) {
      if (++nodes > MAX_NODES) throw tooComplex(`nodes > ${MAX_NODES}`);
      if (!isObject(branch)) continue;
      const name = str(branch.name);
      const here = { ...context };
      if (name) {
        if (branch.category === 'vendor') here.vendor = name;
        else if (branch.category === 'product_name') here.model = name;
        else if (branch.category === 'product_version') here.version = name;
        else if (branch.category === 'product_version_range') here.versionRange = name;
      }
      const productId = isObject(branch.product) ? str(branch.product.product_id) : undefined;
      if (productId && !out.has(productId)) out.set(productId, { productId, ...here });
      walk(branch.branches, here, depth + 1);
    }
  };
  if (isObject(tree)) walk(tree.branches, {}, 0);
  return out;
}
