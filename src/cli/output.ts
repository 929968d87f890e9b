import { ConfigError } from '../config/load.ts';
import { knownErrorBody } from '../shared/error-body.ts';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints an error for a person at a terminal (both languages) and returns the exit code. */
export function reportError(error: unknown): number {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const known = knownErrorBody(error);
  if (known) {
    const { body } = known;
    process.stderr.write(`${body.code}${body.article ? ` (第${body.article}条 / art. ${body.article})` : ''}\n  ${body.messages.zh}\n  ${body.messages.en}\n`);
    if (body.details) process.stderr.write(`  ${JSON.stringify(body.details)}\n`);
    return 1;
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
