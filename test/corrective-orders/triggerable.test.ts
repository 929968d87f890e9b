/**
 * REG-26-1's `triggerable` flag as a pure function: which exposure rows an overdue corrective order
 * makes imposable (拒不改正), and which it never does (immediate fines, fines the statute does not set,
 * another site, a finding the order does not link).
 */
import { describe, expect, it } from 'vitest';
import { penaltyExposure, type Finding } from '../../src/policy/index.ts';
import type { OverdueOrder } from '../../src/policy/cn-order-799/penalties.ts';
import { site, unit } from '../policy/fixtures.ts';

const msg = { zh: '测试', en: 'test' };
const units = [unit({ id: 'U1', responsiblePersons: 1 })];
const sites = [site({ id: 'S1', unitId: 'U1' }), site({ id: 'S2', unitId: 'U1' })];
const f = (code: string, subject: Finding['subject'], penaltyRef: string, extra: Partial<Finding> = {}): Finding => ({ ruleId: 'REG-X', code, article: '0', severity: 'NONCOMPLIANT', message: msg, subject, penaltyRef, ...extra });

const FINDINGS: Finding[] = [
  f('FILING_OVERDUE', { type: 'site', id: 'S1' }, '29'),
  f('FILING_OVERDUE', { type: 'site', id: 'S2' }, '29'),
  f('INSPECTION_OVERDUE', { type: 'camera', id: 'C1', siteId: 'S1' }, '27.2'),
  f('INSPECTION_OVERDUE', { type: 'camera', id: 'C2', siteId: 'S1' }, '27.2', { details: { seriousConsequences: true } }),
  f('E_PROHIBITED_ZONE', { type: 'camera', id: 'C3', siteId: 'S1' }, '27.1', { severity: 'BLOCK' }),
  f('SIGNAGE_MISSING', { type: 'camera', id: 'C4', siteId: 'S1' }, '13'),
];

const order = (overrides: Partial<OverdueOrder>): OverdueOrder => ({ orderId: 'cor_1', reference: 'O1', dueDate: '2025-07-20', siteIds: ['S1'], articles: ['29'], findings: [], ...overrides });
const flags = (orders: OverdueOrder[]) => penaltyExposure(FINDINGS, units, sites, undefined, orders).rows.map((r) => `${r.code}:${r.subject.id}:${r.triggerable}`);

describe('REG-26-1: triggerable rows', () => {
  it('no overdue order: nothing is triggerable', () => {
    expect(flags([]).filter((x) => x.endsWith(':true'))).toEqual([]);
  });

  it('an art. 29 order on S1 makes S1’s art. 29 row triggerable, not S2’s', () => {
    const rows = penaltyExposure(FINDINGS, units, sites, undefined, [order({})]).rows;
    expect(rows.filter((r) => r.triggerable).map((r) => `${r.penaltyRef}:${r.siteId}`)).toEqual(['29:S1']);
    expect(rows.find((r) => r.triggerable)!.triggeredBy).toEqual([{ orderId: 'cor_1', reference: 'O1', dueDate: '2025-07-20' }]);
  });

  it('a linked finding is triggerable whatever the order’s article; an immediate fine, a fine made immediate by serious consequences and an order-only row never are', () => {
    const linked = order({
      articles: ['30'],
      findings: [
        { ruleId: 'REG-X', code: 'INSPECTION_OVERDUE', subject: { type: 'camera', id: 'C1' } },
        { ruleId: 'REG-X', code: 'INSPECTION_OVERDUE', subject: { type: 'camera', id: 'C2' } },
        { ruleId: 'REG-X', code: 'E_PROHIBITED_ZONE', subject: { type: 'camera', id: 'C3' } },
        { ruleId: 'REG-X', code: 'SIGNAGE_MISSING', subject: { type: 'camera', id: 'C4' } },
      ],
    });
    expect(flags([linked])).toEqual(['FILING_OVERDUE:S1:false', 'FILING_OVERDUE:S2:false', 'INSPECTION_OVERDUE:C1:true', 'INSPECTION_OVERDUE:C2:false', 'E_PROHIBITED_ZONE:C3:false', 'SIGNAGE_MISSING:C4:false']);
  });

  it('a link names the finding exactly: another rule, code or subject does not match', () => {
    const near = order({ articles: ['13'], findings: [{ ruleId: 'REG-Y', code: 'INSPECTION_OVERDUE', subject: { type: 'camera', id: 'C1' } }, { ruleId: 'REG-X', code: 'INSPECTION_OVERDUE', subject: { type: 'camera', id: 'C9' } }] });
    expect(flags([near]).filter((x) => x.endsWith(':true'))).toEqual([]);
  });
});
