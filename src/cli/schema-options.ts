/**
 * Command-line options generated from a zod input schema: `--field-name VALUE` for each field,
 * numbers and booleans parsed, objects and arrays given as JSON, `null` for a nullable field.
 * `--json` or `--file` supply the whole body instead.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';

type Kind = 'string' | 'number' | 'boolean' | 'json';

function kindOf(schema: z.ZodType): Kind {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } }).def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
      return kindOf(def.innerType as z.ZodType);
    case 'pipe':
      return kindOf(def.in as z.ZodType);
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
    case 'enum':
    case 'literal':
      return 'string';
    default:
      return 'json';
  }
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function addSchemaOptions(command: Command, schema: z.ZodObject): Command {
  for (const [key, field] of Object.entries(schema.shape)) {
    const kind = kindOf(field as z.ZodType);
    const hint = kind === 'json' ? '<json>' : kind === 'boolean' ? '<true|false>' : '<value>';
    command.option(`--${kebab(key)} ${hint}`, (field as z.ZodType).description ?? `${key} (${kind})`);
  }
  return command.option('--json <json>', 'the whole body as JSON').option('--file <path>', 'the whole body from a JSON file');
}

function parseValue(raw: string, kind: Kind, key: string): unknown {
  if (raw === 'null') return null;
  try {
    if (kind === 'number') return Number(raw);
    if (kind === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
    if (kind === 'json') return JSON.parse(raw) as unknown;
  } catch {
    throw new Error(`--${kebab(key)}: expected JSON`);
  }
  return raw;
}

/** The request body from the options that were given. */
export function bodyFromOptions(schema: z.ZodObject, options: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (typeof options.file === 'string') Object.assign(body, JSON.parse(readFileSync(options.file, 'utf8')) as object);
  if (typeof options.json === 'string') Object.assign(body, JSON.parse(options.json) as object);
  for (const [key, field] of Object.entries(schema.shape)) {
    const raw = options[key];
    if (typeof raw === 'string') body[key] = parseValue(raw, kindOf(field as z.ZodType), key);
  }
  return body;
}
