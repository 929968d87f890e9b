/**
 * Create, read, update and deactivate for one kind of registry record, with the history
 * (who, when, before, after) written in the same transaction as the change.
 */
import type { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Filter, RecordRepository } from '../repositories/record-repository.ts';
import { historyRepository } from '../repositories/history-repository.ts';
import type { Action } from '../../access/actions.ts';
import type { Target } from '../../access/authorization/target.ts';
import type { Principal } from '../../access/principal.ts';
import type { Actor, RegistryContext } from './context.ts';

export interface EntityDefinition<R extends { id: string }, C, U> {
  entityType: string;
  idPrefix: string;
  repository: RecordRepository<R>;
  createInput: z.ZodType<C>;
  updateInput: z.ZodType<U>;
  /** Turns validated input into a full record (defaults filled in). */
  build(tx: Db, input: C, id: string, now: Date): Promise<R>;
  /** Refuses a record that may not be stored, throwing a domain error. */
  check?(tx: Db, next: R, previous: R | undefined, now: Date): Promise<void>;
  /** The record as the history keeps it, with secrets removed. */
  historyView?(record: R): unknown;
  /** Where the record sits in the unit → site → camera tree: what a signed-in actor's grants must cover. */
  targetOf(db: Db, record: R): Promise<Target>;
  /** The action a signed-in actor needs over the record to create, change or deactivate it (CONFIG unless said). */
  writeAction?: Action;
}

/** An update body may say why (`changeReason`); the reason goes to the history, not the record. */
export function splitChangeReason(patch: unknown): { fields: unknown; reason?: string } {
  if (typeof patch !== 'object' || patch === null || !('changeReason' in patch)) return { fields: patch };
  const { changeReason, ...fields } = patch as Record<string, unknown>;
  return typeof changeReason === 'string' && changeReason.trim() ? { fields, reason: changeReason.trim() } : { fields };
}

export class EntityService<R extends { id: string }, C, U> {
  constructor(
    protected readonly ctx: RegistryContext,
    protected readonly def: EntityDefinition<R, C, U>,
  ) {}

  /** One record; a viewer sees only what their unit owns or their grants cover (else E_NOT_FOUND). */
  async get(id: string, viewer?: Principal): Promise<R> {
    const record = await this.require(this.ctx.db, id);
    if (viewer && this.ctx.gate) await this.ctx.gate.requireVisible(viewer, await this.def.targetOf(this.ctx.db, record), this.def.entityType, id);
    return record;
  }

  async list(filter: Filter = {}, viewer?: Principal): Promise<R[]> {
    const records = await this.def.repository.list(this.ctx.db, filter);
    if (!viewer || !this.ctx.gate) return records;
    const reach = await this.ctx.gate.reach(viewer);
    if (reach.everything) return records;
    const visible: R[] = [];
    for (const record of records) if (reach.covers(await this.def.targetOf(this.ctx.db, record))) visible.push(record);
    return visible;
  }

  async create(input: unknown, actor: Actor): Promise<R> {
    const parsed = this.def.createInput.parse(input);
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (tx) => {
      const record = await this.def.build(tx, parsed, newId(this.def.idPrefix), now);
      await this.authorize(tx, actor, record).catch(async (error: unknown) => {
        // A record pointing at an object that does not exist: the definition's own check names the problem (E_SITE_UNKNOWN …).
        if (error instanceof NotFoundError) await this.def.check?.(tx, record, undefined, now);
        throw error;
      });
      await this.def.check?.(tx, record, undefined, now);
      await this.def.repository.insert(tx, record, now.toISOString());
      await this.record(tx, record.id, 'create', actor, now, null, record);
      return record;
    });
  }

  async update(id: string, patch: unknown, actor: Actor): Promise<R> {
    const { fields, reason } = splitChangeReason(patch);
    const parsed = this.def.updateInput.parse(fields);
    return this.change(id, 'update', { ...actor, reason: reason ?? actor.reason }, () => parsed as Partial<R>);
  }

  /**
   * Applies a change computed from the current record, checks it, stores it and records it.
   * `action` names the change in the history ('update', 'activate', 'deactivate', …).
   */
  protected async change(
    id: string,
    action: string,
    actor: Actor,
    compute: (current: R, tx: Db, now: Date) => Partial<R> | Promise<Partial<R>>,
  ): Promise<R> {
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (tx) => {
      const current = await this.require(tx, id);
      await this.authorize(tx, actor, current);
      const next = { ...current, ...(await compute(current, tx, now)), id };
      if (JSON.stringify(next) === JSON.stringify(current)) return current;
      await this.authorize(tx, actor, next, current);
      await this.def.check?.(tx, next, current, now);
      await this.def.repository.update(tx, next, now.toISOString());
      await this.record(tx, id, action, actor, now, current, next);
      return next;
    });
  }

  /**
   * A signed-in actor must hold the write action over the record where it is, and over where a change
   * puts it (a camera moved to another site needs both). Runs inside the change's transaction.
   */
  protected async authorize(tx: Db, actor: Actor, record: R, previous?: R): Promise<void> {
    if (!actor.principal || !this.ctx.gate) return;
    const target = await this.def.targetOf(tx, record);
    if (previous && JSON.stringify(target) === JSON.stringify(await this.def.targetOf(tx, previous))) return;
    await this.ctx.gate.requireOver(actor.principal, this.def.writeAction ?? 'CONFIG', target, { db: tx });
  }

  protected async require(db: Db, id: string): Promise<R> {
    const record = await this.def.repository.get(db, id);
    if (!record) {
      throw new NotFoundError('E_NOT_FOUND', {
        message: { zh: `未找到${this.def.entityType}:${id}`, en: `No ${this.def.entityType} with id ${id}` },
        details: { entityType: this.def.entityType, id },
      });
    }
    return record;
  }

  private async record(tx: Db, id: string, action: string, actor: Actor, now: Date, before: R | null, after: R): Promise<void> {
    await historyRepository.append(tx, {
      entityType: this.def.entityType,
      entityId: id,
      action,
      actor: actor.name,
      reason: actor.reason ?? null,
      at: now.toISOString(),
      before: before && (this.def.historyView?.(before) ?? before),
      after: this.def.historyView?.(after) ?? after,
    });
  }
}
