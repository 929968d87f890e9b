/**
 * REG-12-2: remediation tasks. OPEN until a remedial measure is in place (MITIGATED) or the device is
 * fixed or retired (CLOSED); either needs evidence. CLOSED is final. Every change is in the history.
 */
import type { Filter } from '../registry/repositories/record-repository.ts';
import { historyRepository } from '../registry/repositories/history-repository.ts';
import type { Actor, RegistryContext } from '../registry/services/context.ts';
import { requireSeen, requireWrite, targetLookup, withinReach } from '../registry/services/object-access.ts';
import type { Principal } from '../access/principal.ts';
import { deviceTarget } from './device-target.ts';
import { ConflictError, InvalidError, NotFoundError } from '../shared/errors.ts';
import { legalDateOf } from '../shared/legal-time.ts';
import { remediationTaskUpdateInput, type RemediationTaskRecord } from './model.ts';
import { remediationTasksRepository } from './repositories.ts';

export type RemediationTaskView = RemediationTaskRecord & { overdue: boolean };

export const EVIDENCE_MIN_CHARS = 5;

function targetOfTask(targets: ReturnType<typeof targetLookup>, task: RemediationTaskRecord) {
  return deviceTarget(targets, { kind: task.deviceKind, id: task.deviceId, siteId: task.siteId });
}

export class RemediationService {
  constructor(private readonly ctx: RegistryContext) {}

  /** OPEN past its due date (legal date, Asia/Shanghai). */
  view(task: RemediationTaskRecord): RemediationTaskView {
    return { ...task, overdue: task.status === 'OPEN' && task.dueDate < legalDateOf(this.ctx.clock.now()) };
  }

  async list(filter: Filter & { overdue?: boolean } = {}, viewer?: Principal): Promise<RemediationTaskView[]> {
    const { overdue, ...columns } = filter;
    const targets = targetLookup(this.ctx.db);
    const visible = await withinReach(this.ctx, viewer, await remediationTasksRepository.list(this.ctx.db, columns), (t) => targetOfTask(targets, t));
    const tasks = visible.map((t) => this.view(t));
    return overdue === undefined ? tasks : tasks.filter((t) => t.overdue === overdue);
  }

  async get(id: string, viewer?: Principal): Promise<RemediationTaskView> {
    const task = await remediationTasksRepository.get(this.ctx.db, id);
    if (!task) throw notFound(id);
    await requireSeen(this.ctx, viewer, () => targetOfTask(targetLookup(this.ctx.db), task), 'remediationTask', id);
    return this.view(task);
  }

  async update(id: string, patch: unknown, actor: Actor): Promise<RemediationTaskView> {
    const input = remediationTaskUpdateInput.parse(patch);
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (tx) => {
      const current = await remediationTasksRepository.get(tx, id);
      if (!current) throw notFound(id);
      await requireWrite(this.ctx, actor, 'CONFIG', () => targetOfTask(targetLookup(tx), current), tx);
      if (current.status === 'CLOSED') {
        throw new ConflictError('E_REMEDIATION_CLOSED', {
          article: '12',
          message: { zh: '该整改任务已关闭,不能再修改', en: 'This remediation task is closed and cannot be changed' },
        });
      }
      const status = input.status ?? current.status;
      const evidence = input.evidence === undefined ? current.evidence : input.evidence;
      if (status !== 'OPEN' && [...(evidence ?? '').trim()].length < EVIDENCE_MIN_CHARS) {
        throw new InvalidError('E_REMEDIATION_EVIDENCE_REQUIRED', {
          article: '12',
          message: {
            zh: `标记为已缓解或已关闭,须说明所采取的补救措施(不少于${EVIDENCE_MIN_CHARS}字),如升级固件版本、隔离设备、工单编号`,
            en: `Marking a task mitigated or closed needs evidence of the remedial measure (at least ${EVIDENCE_MIN_CHARS} characters): firmware upgraded, device isolated, ticket number`,
          },
          details: { field: 'evidence', minChars: EVIDENCE_MIN_CHARS },
        });
      }
      const at = now.toISOString();
      const next: RemediationTaskRecord = { ...current, status, evidence, resolvedAt: status === 'OPEN' ? null : current.status === status ? current.resolvedAt : at };
      if (JSON.stringify(next) === JSON.stringify(current)) return this.view(current);
      await remediationTasksRepository.update(tx, next, at);
      await historyRepository.append(tx, { entityType: 'remediationTask', entityId: id, action: status === current.status ? 'update' : status.toLowerCase(), actor: actor.name, at, before: current, after: next });
      return this.view(next);
    });
  }
}

function notFound(id: string): NotFoundError {
  return new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到整改任务:${id}`, en: `No remediation task with id ${id}` }, details: { entityType: 'remediationTask', id } });
}
