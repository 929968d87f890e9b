/** REG-30-1: exposure of a third party confirmed to have tampered with art. 7 equipment (art. 23(2), art. 30). */
import type { LocalizedText } from '../../shared/errors.ts';
import { multiply } from './penalties.ts';
import { PENALTY_TABLES, type AmountRange, type PenaltyFlags, type PenaltyTrigger } from './penalty-table.ts';

export interface TamperIncident {
  perpetratorType: 'INDIVIDUAL' | 'UNIT';
  /** Directly responsible persons of a perpetrating unit, when known. */
  responsiblePersons?: number;
  seriousConsequences?: boolean;
}

export interface TamperExposure {
  penaltyRef: '30';
  measures: LocalizedText[];
  trigger: PenaltyTrigger;
  perpetrator: AmountRange;
  perPerson: AmountRange | null;
  persons: number;
  personsTotal: AmountRange | null;
  flags: PenaltyFlags;
}

export function tamperIncidentExposure(incident: TamperIncident): TamperExposure {
  const row = PENALTY_TABLES[PENALTY_TABLES.length - 1]!.rows.find((r) => r.penaltyRef === '30')!;
  const isUnit = incident.perpetratorType === 'UNIT';
  const persons = isUnit ? (incident.responsiblePersons ?? 0) : 0;
  return {
    penaltyRef: '30',
    measures: row.measures,
    trigger: incident.seriousConsequences ? 'IMMEDIATE' : 'ON_REFUSAL_OR_SERIOUS',
    perpetrator: (isUnit ? row.unit : row.individual)!,
    perPerson: isUnit ? row.perPerson : null,
    persons,
    personsTotal: isUnit && row.perPerson && persons > 0 ? multiply(row.perPerson, persons) : null,
    flags: { ...row.flags },
  };
}
