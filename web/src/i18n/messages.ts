/**
 * The UI's messages: the base set (en.ts, zh-CN.ts) and one file per area of the product under
 * `areas/`, each exporting `en` and `zh` with the same keys. Areas are merged deeply, so two areas may
 * both add groups under `enum`.
 */
import { en as baseEn } from './en.ts';
import { zhCN as baseZh } from './zh-CN.ts';

export type MessageTree = { [key: string]: string | MessageTree };
interface Area {
  en: MessageTree;
  zh: MessageTree;
}

const areas = Object.values(import.meta.glob<Area>('./areas/*.ts', { eager: true }));

function merge(target: MessageTree, source: MessageTree): MessageTree {
  const out: MessageTree = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const existing = out[key];
    out[key] = typeof value === 'object' && typeof existing === 'object' ? merge(existing, value) : value;
  }
  return out;
}

export const messages = {
  en: areas.reduce((all, area) => merge(all, area.en), baseEn as MessageTree),
  zh: areas.reduce((all, area) => merge(all, area.zh), baseZh as MessageTree),
};
