/**
 * The pictures kept with tamper alarms, under `<dataDir>/alarms/<alarm id>/<before|after>.jpg`,
 * owner-only, written atomically. Names are built from checked parts only, never from input paths.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeOwnerOnly } from '../security/owner-only-file.ts';
import type { AlarmSnapshotInput, AlarmSnapshotRef } from './alarm-model.ts';

const ID_RE = /^alm_[0-9a-z]{12}$/;

export class AlarmSnapshotStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, 'alarms');
  }

  private fileOf(alarmId: string, which: 'before' | 'after'): string {
    if (!ID_RE.test(alarmId)) throw new Error(`not an alarm id: ${alarmId}`);
    return path.join(this.root, alarmId, `${which}.jpg`);
  }

  async save(alarmId: string, snapshot: AlarmSnapshotInput): Promise<AlarmSnapshotRef> {
    const bytes = Buffer.from(snapshot.jpeg);
    await writeOwnerOnly(this.fileOf(alarmId, snapshot.which), bytes);
    return { which: snapshot.which, at: snapshot.at, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  }

  read(alarmId: string, which: 'before' | 'after'): Promise<Buffer> {
    return readFile(this.fileOf(alarmId, which));
  }
}
