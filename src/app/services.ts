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
import { ArchiveService } from '../archive/archive-service.ts';
import { LocalArchiveFileStore } from '../archive/local-file-store.ts';
import { PutIntoUseService } from '../registry/services/put-into-use.ts';
import { AssetsService } from '../registry/services/assets.ts';
import { ConformanceService } from '../registry/services/conformance.ts';
import { AdvisoriesService } from '../advisories/advisories-service.ts';
import { RemediationService } from '../advisories/remediation-service.ts';
import { AuthorizationService } from '../access/authorization/authorization-service.ts';
import { GrantsService } from '../access/grants/grants-service.ts';
import { RolesService } from '../access/roles/roles-service.ts';
import { PersonsService } from '../access/personnel/persons-service.ts';
import { CameraGroupsService } from '../access/duty/camera-groups-service.ts';
import { DutyShiftsService } from '../access/duty/duty-shifts-service.ts';
import { RegisterService } from '../access/register/register-service.ts';
import { MediaService } from '../access/video-access/media-service.ts';
import { VideoAccessService } from '../access/video-access/video-access-service.ts';
import { ExportService } from '../access/video-access/export-service.ts';
import { LocalSegmentStore, segmentsRoot } from '../recording/local-segment-store.ts';
import { LedgerService } from '../ledger/ledger-service.ts';
import { BundleService } from '../access/video-access/bundle-service.ts';
import { ViewingService } from '../viewing/viewing-service.ts';
import { SegmentFiles } from '../viewing/segment-files.ts';
import { Snapshots } from '../viewing/snapshots.ts';
import { createAccountServices } from '../access/accounts/account-services.ts';
import { createRetention } from '../retention/retention-service.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '../access/accounts/session-policy.ts';
import type { SourceAddressPolicy } from '../registry/source-address-policy.ts';

/**
 * Every service, wired to one database, one clock and one data folder (files such as the system
 * archive live under it; nothing is written there until a file is stored). The HTTP app and the CLI both use this.
 */
export function createServices(db: Db, clock: Clock, dataDir = './data', sessions: SessionPolicy = DEFAULT_SESSION_POLICY, sourceAddresses?: SourceAddressPolicy) {
  const ctx = { db, clock };
  // Video is reached only through the access register (art. 16): grant, reason, entry, then a media token.
  const authorization = new AuthorizationService(ctx);
  const register = new RegisterService(ctx);
  const media = new MediaService({ ...ctx, register, store: new LocalSegmentStore(segmentsRoot(dataDir)) });
  const videoDeps = { ...ctx, gate: authorization, register, media };
  // The ledger (art. 15) and export bundles built on it: segments, proofs, a signed checkpoint.
  const ledger = new LedgerService({ ...ctx, dataDir });
  const bundles = new BundleService({ ...ctx, register, ledger, dataDir, store: new LocalSegmentStore(segmentsRoot(dataDir)), workRoot: `${dataDir}/exports` });
  return {
    units: new UnitsService(ctx),
    commissions: new CommissionsService(ctx),
    sites: new SitesService(ctx),
    zones: new ZonesService(ctx),
    cameras: new CamerasService({ ...ctx, sourceAddresses }),
    signs: new SignsService(ctx),
    consents: new ConsentsService(ctx),
    filingAuthorities: new FilingAuthoritiesService(ctx),
    history: new HistoryService(ctx),
    compliance: new ComplianceService(ctx),
    filings: new FilingsService(ctx),
    archive: new ArchiveService(ctx, new LocalArchiveFileStore(dataDir)),
    putIntoUse: new PutIntoUseService(ctx),
    assets: new AssetsService(ctx),
    conformance: new ConformanceService(ctx),
    advisories: new AdvisoriesService(ctx),
    remediation: new RemediationService(ctx),
    authorization,
    ...createAccountServices(ctx, sessions),
    register,
    media,
    videoAccess: new VideoAccessService(videoDeps),
    viewing: new ViewingService({ ...ctx, gate: authorization, media, files: new SegmentFiles(segmentsRoot(dataDir)), snapshots: new Snapshots() }),
    exports: new ExportService({ ...videoDeps, bundles }),
    retention: createRetention({ ...ctx, dataDir, cameras: new CamerasService(ctx) }),
    grants: new GrantsService(ctx),
    roles: new RolesService(ctx),
    persons: new PersonsService(ctx),
    cameraGroups: new CameraGroupsService(ctx),
    dutyShifts: new DutyShiftsService(ctx),
    ledger,
    bundles,
  };
}

export type Services = ReturnType<typeof createServices>;
