/** The UI's two languages are complete: the same keys, no empty strings, the same placeholders. */
import { describe, expect, it } from 'vitest';
import { messages } from '../../web/src/i18n/messages.ts';

const { en, zh: zhCN } = messages;

function leaves(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (tree && typeof tree === 'object') {
    for (const [key, value] of Object.entries(tree)) for (const [k, v] of leaves(value, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  } else out.set(prefix, tree);
  return out;
}

const placeholders = (text: unknown) => [...String(text).matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe('web UI translations', () => {
  const zh = leaves(zhCN);
  const english = leaves(en);

  it('zh-CN and en have the same keys', () => {
    expect([...zh.keys()].sort()).toEqual([...english.keys()].sort());
    expect(zh.size).toBeGreaterThan(100);
  });

  it('has no empty or non-string messages in either language', () => {
    for (const [language, messages] of [['zh-CN', zh], ['en', english]] as const) {
      const bad = [...messages].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
      expect(bad, `${language}: empty or missing`).toEqual([]);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const differing = [...english.keys()].filter((k) => placeholders(english.get(k)).join() !== placeholders(zh.get(k)).join());
    expect(differing).toEqual([]);
  });

  it('Chinese messages are Chinese (apart from the product name and codes)', () => {
    const untranslated = [...zh].filter(([k, v]) => v === english.get(k) && /[a-z]{4,}/.test(String(v)) && !/Custos|CSV|PDF|RTSP|H\.264|English/.test(String(v)));
    expect(untranslated.map(([k]) => k)).toEqual([]);
  });

  it('labels each enum value in one place only (two areas may not both define a group)', () => {
    const areas = import.meta.glob<{ en: { enum?: Record<string, unknown> } }>('../../web/src/i18n/areas/*.ts', { eager: true });
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const [file, area] of Object.entries(areas)) {
      for (const group of Object.keys(area.en.enum ?? {})) {
        const first = owner.get(group);
        if (first) twice.push(`enum.${group}: ${first} and ${file}`);
        else owner.set(group, file);
      }
    }
    expect(twice).toEqual([]);
  });
});
