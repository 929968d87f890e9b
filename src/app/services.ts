import type { Db } from '../db/connect.ts';
import type { Clock } from '../shared/clock.ts';
import { CamerasService } from '../registry/services/cameras.ts';
import { CommissionsService } from '../registry/services/commissions.ts';
import { ConsentsService } from '../registry/services/consents.ts';
import { FilingAuthoritiesService } from '../registry/services/filing-authorities.ts';
import { HistoryService } from '../registry/services/history.ts';
import { SignsService } from '../registry/services/signs.ts';
import { SignPhotoStore } from '../registry/sign-photo-store.ts';
import { SitesService } from '../registry/services/sites.ts';
import { UnitsService } from '../registry/services/units.ts';
import { ZonesService } from '../registry/services/zones.ts';
import { ComplianceService } from '../compliance/compliance-service.ts';
import { FilingsService } from '../filings/filings-service.ts';
import { ArchiveService } from '../archive/archive-service.ts';
import { LocalArchiveFileStore } from '../archive/local-file-store.ts';
import { FloorPlanStore } from '../registry/floor-plan/store.ts';
import { FloorPlansService } from '../registry/services/floor-plans.ts';
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
import { localSegmentStores, type SegmentStores } from '../storage/segment-stores.ts';
import { LedgerService } from '../ledger/ledger-service.ts';
import { BundleService } from '../access/video-access/bundle-service.ts';
import { ViewingService } from '../viewing/viewing-service.ts';
import { SegmentFiles } from '../viewing/segment-files.ts';
import { Snapshots } from '../viewing/snapshots.ts';
import { createAccountServices } from '../access/accounts/account-services.ts';
import type { SignInThrottle } from '../access/accounts/login-throttle.ts';
import { createRetention } from '../retention/retention-service.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '../access/accounts/session-policy.ts';
import { DEFAULT_TOKEN_POLICY, type TokenPolicy } from '../access/accounts/token-policy.ts';
import { KeyRing } from '../security/key-ring.ts';
import type { SourceAddressPolicy } from '../registry/source-address-policy.ts';
import { createArt21, type Art21Policy } from '../disclosure/art21/art21-services.ts';
import { PublicSignService } from '../public/public-sign-service.ts';
import { createReleases } from '../disclosure/release/create-releases.ts';
import type { RedactionEngine } from '../redaction/model.ts';
import { createStateOrgan } from '../disclosure/state-organ/index.ts';
import { createPublicReports, type PublicReportPolicy } from '../disclosure/public-reports/index.ts';
import { AlarmService } from '../events/alarm-service.ts';
import { EventBus } from '../events/event-bus.ts';
import { WebhookService } from '../events/out/webhook-service.ts';
import { MqttStatusService } from '../events/out/mqtt/mqtt-status-service.ts';
import type { DeclaredWebhook } from '../events/out/config.ts';
import { SecuritySignals, type SecurityThresholds } from '../events/security/security-signals.ts';
import { loadUserFacts } from '../access/authorization/user-facts.ts';
import { defaultCredentialGate, type VendorCredential } from '../devices/identity/default-credentials.ts';
import { checkSourceAddress } from '../registry/source-address-policy.ts';
import { DeviceIdentityService } from '../devices/identity/identity-check.ts';
import { TamperService } from '../analytics/tamper/tamper-service.ts';
import type { GbPlatformApi } from '../gb28181/platform-api.ts';
import { GbDirectoryService } from '../gb28181/directory/gb-directory-service.ts';
import type { Gb28181Config } from '../gb28181/config.ts';
import { GbPlatform } from '../gb28181/platform/gb-platform.ts';
import { GbService } from '../gb28181/gb-service.ts';
import { gbPtzDriverFactory } from '../gb28181/platform/gb-ptz-driver.ts';
import { createOnvifServices } from '../devices/onvif/onvif-services.ts';
import { createCorrectiveOrders } from '../corrective-orders/index.ts';
import { onvifCameraRepository } from '../devices/onvif/onvif-camera-repository.ts';
import type { OnvifConfig } from '../devices/onvif/config.ts';
import { createInspection } from '../inspection/index.ts';

/**
 * Every service, wired to one database, one clock and one data folder (files such as the system
 * archive live under it; nothing is written there until a file is stored). The HTTP app and the CLI both use this.
 */
/** What configuration decides beyond the database, the clock and the data folder. */
export interface ServiceOptions {
  tokens?: TokenPolicy;
  /** The append-only file each signed checkpoint is also written to (ledger.anchorFile). */
  anchorFile?: string | undefined;
  /** Where camera sources may point; none: unchecked (tools working on the database directly). */
  sourceAddresses?: SourceAddressPolicy | undefined;
  /** Art. 21 viewing requests: window, answer deadline, session length (config `art21`). */
  art21?: Partial<Art21Policy> | undefined;
  /** The redaction engine of public releases (art. 22); none: loaded on first use. */
  redaction?: RedactionEngine | undefined;
  /** Where alarms and checkpoints are published (MQTT, webhooks, syslog, the browser); a new one when absent. */
  bus?: EventBus | undefined;
  /** Webhook endpoints declared in YAML (events.webhooks), read-only beside those made through the API. */
  webhooks?: readonly DeclaredWebhook[] | undefined;
  /** The ports this server listens on: webhooks may not point at them. */
  ownPorts?: (() => readonly number[]) | undefined;
  /** Thresholds of the security signals (config `security`); the defaults when absent. */
  security?: Partial<SecurityThresholds> | undefined;
  /** Vendor-default credentials tried against a camera's RTSP source before activation (REG-23-5); none: no check. */
  defaultCredentials?: readonly VendorCredential[] | undefined;
  /** The port of the ONVIF device service on each camera's host, for the identity check (config `security.onvifPort`). */
  onvifPort?: number | undefined;
  /** The GB/T 28181 SIP platform (gb28181.enabled, the server only); none: the GB/T 28181 routes answer E_GB_DISABLED. */
  gbPlatform?: GbPlatformApi | undefined;
  /** GB/T 28181 platform (config `gb28181`): made when enabled; the server starts and stops it. */
  gb28181?: Gb28181Config | undefined;
  /** Where the GB/T 28181 platform logs refusals and dropped messages (never a password). */
  gbLog?: ((level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void) | undefined;
  /** Where the account services log what an operator should see (a session touch the full disk refused). */
  accessLog?: ((level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void) | undefined;
  /** ONVIF discovery, devices, events and PTZ sessions (config `onvif`); the defaults when absent. */
  onvif?: OnvifConfig | undefined;
  /** Art. 24 public reports: the first-action time (config `publicReports`). */
  publicReports?: Partial<PublicReportPolicy> | undefined;
  /** Sign-in throttling shared by the API processes of a cluster (PgLoginThrottle); none: in memory. */
  throttle?: SignInThrottle | undefined;
  /** Where segment bytes are (config `storage`); the local segments folder when absent. */
  segmentStores?: SegmentStores | undefined;
}

export function createServices(
  db: Db,
  clock: Clock,
  dataDir = './data',
  sessions: SessionPolicy = DEFAULT_SESSION_POLICY,
  options: ServiceOptions = {},
) {
  const tokens = options.tokens ?? DEFAULT_TOKEN_POLICY;
  const ctx = { db, clock };
  const stores = options.segmentStores ?? localSegmentStores(dataDir);
  // Keys that must not be in the database (media-token HMAC, TOTP encryption) live in owner-only files.
  const keys = new KeyRing(dataDir);
  // Video is reached only through the access register (art. 16): grant, reason, entry, then a media token.
  const authorization = new AuthorizationService(ctx);
  // What signed-in users read and change is checked against each object's unit, site and camera.
  const gated = { ...ctx, gate: authorization };
  const register = new RegisterService(gated);
  const media = new MediaService({ ...ctx, register, gate: authorization, keys, store: stores.reader });
  const videoDeps = { ...ctx, gate: authorization, register, media };
  // The ledger (art. 15) and export bundles built on it: segments, proofs, a signed checkpoint.
  const bus = options.bus ?? new EventBus();
  const ledger = new LedgerService({ ...ctx, dataDir, anchorFile: options.anchorFile, onCheckpoint: (checkpoint) => bus.publish({ type: 'ledger.checkpoint', checkpoint }) });
  const retention = createRetention({ ...ctx, gate: authorization, dataDir, stores, cameras: new CamerasService(ctx) });
  // Alarms (arts. 15, 23) and the bus that carries them, and signed checkpoints, out of the system.
  const alarms = new AlarmService({ ...ctx, gate: authorization, register, bus, dataDir });
  // Security signals (art. 23(3), 23(4)): sign-in failures, new administrators, refusals, exports, failed verifications.
  const usernameOf = async (userId: string) => (await loadUserFacts(db, userId))?.username;
  const security = new SecuritySignals({ ...ctx, sink: alarms, register, usernameOf, thresholds: options.security });
  register.watch(security);
  const cameras = new CamerasService(
    { ...gated, sourceAddresses: options.sourceAddresses },
    options.defaultCredentials && defaultCredentialGate({ credentials: options.defaultCredentials, checkTarget: (url) => checkSourceAddress(url, options.sourceAddresses) }),
  );
  // Who the device on each camera's address says it is (ONVIF), held against the registry (art. 23(2), 23(3)).
  // GB/T 28181 (issue 14): devices register to us over SIP; device alarms become Custos alarms.
  const gbPlatform = options.gb28181?.enabled ? new GbPlatform({ db, clock, config: options.gb28181, secretKey: () => keys.gb28181Key(), alarms, log: options.gbLog }) : undefined;
  const identity = new DeviceIdentityService({ clock, gate: authorization, cameras, sink: alarms, onvifPort: options.onvifPort, sourceAddresses: options.sourceAddresses, deviceAddress: async (cameraId) => (await onvifCameraRepository.get(db, cameraId))?.deviceUrl });
  const onvif = createOnvifServices({ ...ctx, gate: authorization, register, cameras, alarms, config: options.onvif, sourceAddresses: options.sourceAddresses });
  onvif.ptz.register(gbPtzDriverFactory(db, gbPlatform));
  const bundles = new BundleService({ ...ctx, register, ledger, dataDir, store: stores.reader, workRoot: `${dataDir}/exports` });
  const services = {
    units: new UnitsService(gated),
    commissions: new CommissionsService(gated),
    sites: new SitesService(gated),
    zones: new ZonesService(gated),
    cameras,
    signs: new SignsService(gated),
    signPhotos: new SignPhotoStore(dataDir),
    consents: new ConsentsService(gated),
    filingAuthorities: new FilingAuthoritiesService(gated),
    history: new HistoryService(gated, security),
    compliance: new ComplianceService(gated),
    filings: new FilingsService(gated),
    archive: new ArchiveService(gated, new LocalArchiveFileStore(dataDir)),
    floorPlans: new FloorPlansService(gated, new FloorPlanStore(dataDir)),
    putIntoUse: new PutIntoUseService(gated),
    assets: new AssetsService(gated),
    conformance: new ConformanceService(gated),
    advisories: new AdvisoriesService(gated),
    remediation: new RemediationService(gated),
    authorization,
    ...createAccountServices(gated, { sessions, tokens, keys, security, throttle: options.throttle, log: options.accessLog }),
    register,
    media,
    videoAccess: new VideoAccessService(videoDeps),
    viewing: new ViewingService({ ...ctx, gate: authorization, media, files: new SegmentFiles(stores.reader, stores.local.root), snapshots: new Snapshots() }),
    exports: new ExportService({ ...videoDeps, bundles }),
    retention,
    grants: new GrantsService(gated, security),
    roles: new RolesService(gated),
    persons: new PersonsService(gated),
    cameraGroups: new CameraGroupsService(gated),
    dutyShifts: new DutyShiftsService(gated),
    ledger,
    bundles,
    art21: createArt21({ ...ctx, gate: authorization, register, media, dataDir, policy: options.art21 }),
    // The sign that talks back (arts. 13, 21, 24): the public page's facts and the printed sign's.
    publicSigns: new PublicSignService({ ...ctx, ledger, signs: new SignsService(gated) }),
    // Public release (art. 22): redaction jobs, the release register.
    ...createReleases({ ...ctx, gate: authorization, register, dataDir, segments: stores.reader, engine: options.redaction, holds: retention.holds }),
    // Art. 20: requests from state organs, scoped, held, handed over with a receipt.
    stateOrgan: createStateOrgan({ ...ctx, gate: authorization, bundles, dataDir }),
    // Art. 24 ¶2: reports of unlawful cameras from the sign's public page, handled by the unit, forwarded to the police.
    publicReports: createPublicReports({ ...ctx, gate: authorization, alarms, bus, dataDir, policy: options.publicReports }),
    bus,
    alarms,
    mqtt: new MqttStatusService(authorization),
    webhooks: new WebhookService({ ...ctx, gate: authorization, keys, declared: options.webhooks, ownPorts: options.ownPorts, observer: security }),
    security,
    identity,
    // Tamper detection (art. 23(2)): per camera settings, the learned picture, re-learns with a reason.
    tamper: new TamperService({ ...ctx, gate: authorization, alarms }),
    // GB/T 28181 devices and channels within each caller's reach; channels added as registry cameras.
    gbDirectory: new GbDirectoryService({ ...ctx, gate: authorization, cameras, platform: options.gbPlatform ?? gbPlatform }),
    // The SIP platform itself (undefined unless gb28181.enabled): recorders ask it for streams (GbMediaBroker).
    gbPlatform,
    gb: new GbService({ clock, gate: authorization, register, platform: gbPlatform }),
    // ONVIF (discovery, adding cameras, events) and PTZ with its register entries, for ONVIF and GB/T 28181 cameras.
    ...onvif,
    // Corrective orders 责令改正 (REG-24-3): items, evidence, deadlines.
    correctiveOrders: createCorrectiveOrders({ ...ctx, gate: authorization, dataDir, alarms }),
    // Where segment bytes are (config `storage`): the recorder writes, readers read, the tier mover moves.
    segmentStores: stores,
  };
  // Inspection by the public security organ (art. 24): inspector accounts, their request log, the package.
  const inspection = createInspection({ ...gated, dataDir, segments: stores.reader, users: services.users, grants: services.grants, compliance: services.compliance, ledger, register, retentionStatus: retention.status });
  return { ...services, inspection };
}

export type Services = ReturnType<typeof createServices>;
