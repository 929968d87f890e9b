import type { Db } from '../db/connect.ts';
import type { Clock } from '../shared/clock.ts';
import { CamerasService } from '../registry/services/cameras.ts';
import { CommissionsService } from '../registry/services/commissions.ts';
import { ConsentsService } from '../registry/services/consents.ts';
import { FilingAuthoritiesService } from '../registry/services/filing-authorities.ts';
import { HistoryService } from '../registry/services/history.ts';
import { SignsService } from '../registry/services/signs.ts';
import { SitesService } from '../registry/services/sites.ts';
import { UnitsService } from '../registry/services/units.ts';
import { ZonesService } from '../registry/services/zones.ts';
import { ComplianceService } from '../compliance/compliance-service.ts';
import { FilingsService } from '../filings/filings-service.ts';

/** Every service, wired to one database and one clock. The HTTP app and the CLI both use this. */
export function createServices(db: Db, clock: Clock) {
  const ctx = { db, clock };
  return {
    units: new UnitsService(ctx),
    commissions: new CommissionsService(ctx),
    sites: new SitesService(ctx),
    zones: new ZonesService(ctx),
    cameras: new CamerasService(ctx),
    signs: new SignsService(ctx),
    consents: new ConsentsService(ctx),
    filingAuthorities: new FilingAuthoritiesService(ctx),
    history: new HistoryService(ctx),
    compliance: new ComplianceService(ctx),
    filings: new FilingsService(ctx),
  };
}

export type Services = ReturnType<typeof createServices>;
