import { validateAdminDivisionCode } from '../../policy/index.ts';
import { InvalidError } from '../../shared/errors.ts';
import type { FilingAuthorityRecord } from '../model.ts';
import { filingAuthorityInput } from '../inputs.ts';
import { filingAuthoritiesRepository } from '../repositories/index.ts';
import { historyRepository } from '../repositories/history-repository.ts';
import type { Actor, RegistryContext } from './context.ts';
import { requireWrite } from './object-access.ts';
import { NO_UNIT } from '../../access/authorization/target.ts';

/** The admin-maintained table of county PSBs that receive filings, keyed by division code (REG-05-1). */
export class FilingAuthoritiesService {
  constructor(private readonly ctx: RegistryContext) {}

  async list(): Promise<FilingAuthorityRecord[]> {
    const rows = await filingAuthoritiesRepository.list(this.ctx.db);
    return rows.map(({ adminDivisionCode, name }) => ({ adminDivisionCode, name }));
  }

  async put(input: unknown, actor: Actor): Promise<FilingAuthorityRecord> {
    const record = filingAuthorityInput.parse(input);
    const problem = validateAdminDivisionCode(record.adminDivisionCode);
    if (problem) {
      throw new InvalidError(problem, {
        article: '5',
        message: { zh: '行政区划代码须为县级六位代码', en: 'The administrative division code must be a six-digit county-level code' },
        details: { field: 'adminDivisionCode' },
      });
    }
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (tx) => {
      // The table serves every unit: only an administrator over ALL keeps it.
      await requireWrite(this.ctx, actor, 'ADMINISTER', { unitId: NO_UNIT }, tx);
      const row = { id: record.adminDivisionCode, ...record };
      const existing = await filingAuthoritiesRepository.get(tx, row.id);
      if (existing) await filingAuthoritiesRepository.update(tx, row, now.toISOString());
      else await filingAuthoritiesRepository.insert(tx, row, now.toISOString());
      await historyRepository.append(tx, {
        entityType: 'filingAuthority',
        entityId: row.id,
        action: existing ? 'update' : 'create',
        actor: actor.name,
        at: now.toISOString(),
        before: existing ?? null,
        after: row,
      });
      return record;
    });
  }
}
