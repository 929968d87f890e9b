/**
 * The anchor file: every signed checkpoint (and every key rotation) also written out of the
 * database, one JSON line each, opened O_APPEND and fsynced. Someone with write access to the
 * database cannot reach it when it lies on another disk or mount; `custos ledger verify
 * --checkpoints FILE` holds the database's tree against it.
 */
import { constants } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { anchorUnreadable } from './errors.ts';
import type { RotationStatement } from './key-rotation.ts';
import type { CheckpointRow } from './ledger-repository.ts';

export const ANCHOR_FORMAT = 'custos-ledger-anchor/v1';

/** A signed checkpoint as the database keeps it, with the key that signed it, so the file verifies on its own. */
export type AnchoredCheckpoint = CheckpointRow & { type: 'CHECKPOINT'; format: typeof ANCHOR_FORMAT; publicKeyPem: string };

/** A key rotation as key-rotation.ts states it (signed by the old key, or null when the old key was lost). */
export type AnchoredRotation = RotationStatement & { type: 'KEY_ROTATION'; format: typeof ANCHOR_FORMAT };

export type AnchorRecord = AnchoredCheckpoint | AnchoredRotation;

export function defaultAnchorFile(dataDir: string): string {
  return path.resolve(dataDir, 'ledger', 'anchor.jsonl');
}

export async function appendAnchor(file: string, record: AnchorRecord): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND, 0o600);
  try {
    await handle.write(`${JSON.stringify(record)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function readAnchor(file: string): Promise<AnchorRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw anchorUnreadable(file, String(error));
  }
  const records: AnchorRecord[] = [];
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let record: AnchorRecord;
    try {
      record = JSON.parse(line) as AnchorRecord;
    } catch {
      // A torn last line (a crash mid-write) is not an anchor; anything else is.
      if (i === lines.length - 1) break;
      throw anchorUnreadable(file, `line ${i + 1} is not JSON`);
    }
    if (record.format !== ANCHOR_FORMAT || (record.type !== 'CHECKPOINT' && record.type !== 'KEY_ROTATION')) throw anchorUnreadable(file, `line ${i + 1} is not a ${ANCHOR_FORMAT} record`);
    records.push(record);
  }
  return records;
}
