/**
 * The authorisation matrix by scope: every guarded route that takes an object id × a caller holding
 * the ADMINISTRATOR role over CAMERA A1, SITE SA or UNIT A (staff of unit A) × the object of camera
 * A1, of camera A2 and of unit B. Each pattern reads A1 A2 B: '+' allowed, '-' refused (404 E_NOT_FOUND
 * for reads outside reach, 403 E_OUT_OF_SCOPE / E_NO_CAMERA_PERMISSION for writes outside scope).
 * For an object of a site or unit (a zone, a filing), the A1 and A2 columns are the object of site SA.
 * Written by hand: test/access/scope-matrix.test.ts fails on a route with an id and no row here.
 */
import type { ScopeCaller } from '../support/two-units.ts';

type Mark = '+' | '-';
export type Pattern = `${Mark}${Mark}${Mark}`;
export type Expectation = Record<ScopeCaller, Pattern>;

export type ObjectKind =
  | 'unit'
  | 'commission'
  | 'site'
  | 'camera'
  | 'zone'
  | 'sign'
  | 'consent'
  | 'asset'
  | 'conformance'
  | 'archive'
  | 'filing'
  | 'task'
  | 'hold'
  | 'purpose'
  | 'advisory'
  | 'authority';

export interface ScopeRow {
  object: ObjectKind;
  expect: Expectation;
  /** A valid body (so that the route's schema lets the request reach the service). */
  body?: unknown;
  query?: string;
  /** The body is a file (application/octet-stream). */
  file?: boolean;
}

/** A route whose object checks belong to another part of issue 10, with where they are tested. */
export interface ElsewhereRow {
  elsewhere: string;
}

/** Reads: the callers' own unit A is visible whatever the scope; unit B is not (404). */
const READ: Expectation = { CAMERA_A1: '++-', SITE_A: '++-', UNIT_A: '++-' };
/** CONFIG (or PLAYBACK) over a camera: a camera scope covers that camera only. */
const CAMERA_WRITE: Expectation = { CAMERA_A1: '+--', SITE_A: '++-', UNIT_A: '++-' };
/** CONFIG over a site's object: a camera scope never covers the site. */
const SITE_WRITE: Expectation = { CAMERA_A1: '---', SITE_A: '++-', UNIT_A: '++-' };
/** ADMINISTER over the unit (units, commissions, putting into use, filings): a site scope never covers the unit. */
const UNIT_ADMIN: Expectation = { CAMERA_A1: '---', SITE_A: '---', UNIT_A: '++-' };
/** Tables that serve every unit: only a grant over ALL. */
const ALL_ONLY: Expectation = { CAMERA_A1: '---', SITE_A: '---', UNIT_A: '---' };
/** Public text (an advisory); the devices it lists are filtered by reach. */
const ANY: Expectation = { CAMERA_A1: '+++', SITE_A: '+++', UNIT_A: '+++' };

const crud = (object: ObjectKind, path: string, write: Expectation, options: { deactivate?: boolean } = {}): Record<string, ScopeRow> => ({
  [`GET ${path}/:id`]: { object, expect: READ },
  [`GET ${path}/:id/history`]: { object, expect: READ },
  [`PATCH ${path}/:id`]: { object, expect: write, body: {} },
  ...(options.deactivate === false ? {} : { [`POST ${path}/:id/deactivate`]: { object, expect: write } }),
});

const GB28181_PASSWORDS_PTZ = 'GB/T 28181 device passwords: CONFIG over everything; PTZ on the linked camera: test/gb28181/gb-routes.test.ts';
const ACCESS = 'access part of issue 10 (users, grants, roles, persons, groups): test/security/ of that part';
/** GB/T 28181 devices are no registry objects: device-level access, or CONFIG/LIVE/PLAYBACK on the linked camera. */
const GB28181 = 'device-level access or the linked camera: test/gb28181/directory.test.ts (who sees what)';
const INSPECTION = 'test/inspection/inspection-package.test.ts';
const RELEASE = 'public release (art. 22): test/disclosure/release.test.ts';
const ALARMS = 'alarms within reach: test/events/alarm-service.test.ts';
const WEBHOOKS = 'webhook endpoints belong to no camera, site or unit: CONFIG or AUDIT over everything, or ADMINISTER (test/events/out/webhook-api.test.ts)';
const VIDEO = 'video part of issue 10 (register, access entries, export requests, media, retention orders)';
const STATE_ORGAN = 'state-organ requests: a request is seen within the reach over every camera of its scope, changed with the action on each camera (test/disclosure/state-organ.test.ts)';

/** Corrective orders (REG-24-3): seen within reach of one of the order's sites, recorded and closed with ADMINISTER over every one of them. */
const CORRECTIVE_ORDERS = 'test/corrective-orders/lifecycle.test.ts: orders of sites out of reach are absent (404); recording and closing need ADMINISTER over every site of the order';
/** Art. 21 requests: checked against the request's unit and the scope's cameras, in their own tests. */
const ART21 = 'test/disclosure/art21-requests.test.ts: requests of units not in reach are absent; decisions need APPROVE on every scope camera';
/** Art. 24 public reports: seen within reach over the report's site, handled with ADMINISTER over it. */
const PUBLIC_REPORTS = 'test/public-reports/handling.test.ts: reports of sites not in reach are absent; handling needs ADMINISTER over the site';
/** Opened by a sign's code or a reference number, without sign-in: no object of a unit to scope. */
const PUBLIC_REPORT_INTAKE = 'public, by code or reference: test/public-reports/intake.test.ts';

/** The sign's public page: anyone, confined to the code's own site; unknown codes and references answer 404. */
const PUBLIC_PAGE = 'test/public/public-sign.test.ts and test/public/public-art21.test.ts: a code shows its own site only, no personal data; a reference shows its own request only';

export const SCOPE_MATRIX: Record<string, ScopeRow | ElsewhereRow> = {
  ...crud('unit', '/api/units', UNIT_ADMIN),
  ...crud('commission', '/api/commissions', UNIT_ADMIN, { deactivate: false }),
  ...crud('site', '/api/sites', SITE_WRITE),
  ...crud('zone', '/api/zones', SITE_WRITE),
  ...crud('camera', '/api/cameras', CAMERA_WRITE),
  ...crud('sign', '/api/signs', SITE_WRITE),
  // A sign's photo: read with the sign (no photo yet: 404 E_SIGN_PHOTO_NONE, not a refusal), changed with CONFIG over its site.
  'GET /api/signs/:id/photo': { object: 'sign', expect: READ },
  'POST /api/signs/:id/photo': { object: 'sign', expect: SITE_WRITE, file: true },
  // The sign's QR and printable sign: for whoever may see the sign's site.
  'GET /api/signs/:id/qr.svg': { object: 'sign', expect: READ },
  'GET /api/signs/:id/qr.png': { object: 'sign', expect: READ },
  'GET /api/signs/:id/print.pdf': { object: 'sign', expect: READ },
  // No object of a unit: a sign code or reference opens only the public facts of its own site (test/public).
  'GET /api/public/signs/:code': { elsewhere: PUBLIC_PAGE },
  'POST /api/public/signs/:code/art21-requests': { elsewhere: PUBLIC_PAGE },
  'GET /api/public/art21-requests/:reference': { elsewhere: PUBLIC_PAGE },
  ...crud('consent', '/api/consents', SITE_WRITE),
  ...crud('asset', '/api/assets', SITE_WRITE),
  ...crud('conformance', '/api/conformance-declarations', SITE_WRITE),
  'GET /api/cameras/:id/placement-history': { object: 'camera', expect: READ },
  // Tamper detection (art. 23(2)): read with the camera, changed and re-learnt with CONFIG on it.
  'GET /api/cameras/:id/tamper': { object: 'camera', expect: READ },
  'PUT /api/cameras/:id/tamper': { object: 'camera', expect: CAMERA_WRITE, body: { enabled: true, sensitivity: 'HIGH' } },
  'POST /api/cameras/:id/tamper/relearn': { object: 'camera', expect: CAMERA_WRITE, body: { reason: 'authorised move of the camera' } },
  'GET /api/cameras/:id/tamper/history': { object: 'camera', expect: READ },
  'GET /api/gb28181/devices/:deviceId': { elsewhere: GB28181 },
  'GET /api/gb28181/devices/:deviceId/channels': { elsewhere: GB28181 },
  'POST /api/gb28181/devices/:deviceId/catalog': { elsewhere: GB28181 },
  'POST /api/gb28181/devices/:deviceId/info': { elsewhere: GB28181 },
  'POST /api/gb28181/devices/:deviceId/status': { elsewhere: GB28181 },
  'PUT /api/gb28181/devices/:deviceId/password': { elsewhere: GB28181_PASSWORDS_PTZ },
  'POST /api/gb28181/devices/:deviceId/channels/:channelId/ptz': { elsewhere: GB28181_PASSWORDS_PTZ },
  'POST /api/cameras/:id/activate': { object: 'camera', expect: CAMERA_WRITE, body: {} },
  // Asks the device over the network: scope tested with an ONVIF responder in test/events/security/device-identity.test.ts.
  'POST /api/cameras/:id/identity-check': { elsewhere: 'CONFIG on the camera: test/events/security/device-identity.test.ts' },
  'POST /api/gb28181/devices/:deviceId/channels/:channelId/camera': { elsewhere: GB28181 },
  'DELETE /api/gb28181/devices/:deviceId/channels/:channelId/camera': { elsewhere: GB28181 },
  'GET /api/gb28181/devices/:deviceId/channels/:channelId/records': { elsewhere: GB28181 },
  // PTZ asks the device: scope (PTZ on the camera, denial entry when refused) tested with the ONVIF simulator.
  'POST /api/cameras/:id/ptz/move': { elsewhere: 'PTZ on the camera: test/devices/onvif/onvif-camera.test.ts' },
  'POST /api/cameras/:id/ptz/stop': { elsewhere: 'PTZ on the camera: test/devices/onvif/onvif-camera.test.ts' },
  'GET /api/cameras/:id/ptz/presets': { elsewhere: 'PTZ on the camera: test/devices/onvif/onvif-camera.test.ts' },
  'POST /api/cameras/:id/ptz/presets': { elsewhere: 'PTZ on the camera: test/devices/onvif/onvif-camera.test.ts' },
  'POST /api/cameras/:id/ptz/presets/:token/goto': { elsewhere: 'PTZ on the camera: test/devices/onvif/onvif-camera.test.ts' },
  // Segment metadata reveals when footage exists: PLAYBACK over the camera, not mere visibility.
  'GET /api/cameras/:id/recordings': { object: 'camera', expect: CAMERA_WRITE },
  'GET /api/sites/:id/assets': { object: 'site', expect: READ },
  'POST /api/sites/:id/put-into-use': { object: 'site', expect: UNIT_ADMIN, body: { date: '2025-05-10' } },
  'GET /api/sites/:id/archive': { object: 'site', expect: READ },
  'POST /api/sites/:id/archive': {
    object: 'site',
    expect: SITE_WRITE,
    file: true,
    query: 'type=ACCEPTANCE&title=t&authorUnit=u&effectiveDate=2025-05-01&fileName=a.pdf',
  },
  // The floor plan: reads of another unit's site are 404; the upload is checked before its bytes are read.
  'GET /api/sites/:id/floor-plan': { object: 'site', expect: READ },
  'PUT /api/sites/:id/floor-plan': { object: 'site', expect: SITE_WRITE, file: true, query: 'metresPerPixel=0.05' },
  'PATCH /api/sites/:id/floor-plan': { object: 'site', expect: SITE_WRITE, body: { metresPerPixel: 0.1 } },
  'GET /api/sites/:id/floor-plan/image': { object: 'site', expect: READ },
  'GET /api/sites/:id/filing-draft': { object: 'site', expect: READ },
  'POST /api/sites/:id/filings': { object: 'site', expect: UNIT_ADMIN },
  'GET /api/archive/:docId': { object: 'archive', expect: READ },
  'DELETE /api/archive/:docId': { object: 'archive', expect: UNIT_ADMIN },
  'POST /api/archive/:docId/versions': { object: 'archive', expect: SITE_WRITE, file: true, query: 'fileName=b.pdf' },
  'GET /api/archive/:docId/versions/:n/content': { object: 'archive', expect: READ, query: 'reason=scope-check' },
  'GET /api/filings/:id': { object: 'filing', expect: READ },
  'GET /api/filings/:id/export': { object: 'filing', expect: READ },
  'POST /api/filings/:id/edits': { object: 'filing', expect: UNIT_ADMIN, body: { path: 'system.name', value: 'x', reason: 'scope check' } },
  'POST /api/filings/:id/submit': { object: 'filing', expect: UNIT_ADMIN, body: { responsiblePerson: '王五' } },
  'POST /api/filings/:id/record-receipt': { object: 'filing', expect: UNIT_ADMIN, body: { receiptNo: 'R-1', filedAt: '2025-06-01' } },
  'POST /api/filings/:id/return': { object: 'filing', expect: UNIT_ADMIN, body: { reason: 'scope check' } },
  'PUT /api/filing-authorities/:code': { object: 'authority', expect: ALL_ONLY, body: { name: '某县公安局' } },
  'GET /api/advisories/:id': { object: 'advisory', expect: ANY },
  'GET /api/remediation-tasks/:id': { object: 'task', expect: READ },
  'GET /api/remediation-tasks/:id/history': { object: 'task', expect: READ },
  'PATCH /api/remediation-tasks/:id': { object: 'task', expect: CAMERA_WRITE, body: {} },
  'GET /api/retention/cameras/:id': { object: 'camera', expect: READ },
  'PUT /api/retention/cameras/:id': { object: 'camera', expect: CAMERA_WRITE, body: {} },
  // Holds and purpose links: seen with their cameras, changed with ADMINISTER over each camera.
  'GET /api/retention/holds/:id': { object: 'hold', expect: READ },
  'POST /api/retention/holds/:id/review': { object: 'hold', expect: CAMERA_WRITE, body: {} },
  'POST /api/retention/holds/:id/release': { object: 'hold', expect: CAMERA_WRITE, body: { reason: 'scope check' } },
  'POST /api/retention/purposes/:id/close': { object: 'purpose', expect: CAMERA_WRITE },

  'POST /api/tokens/:id/revoke': { elsewhere: 'own tokens only: test/access/tokens.test.ts' },
  'GET /api/users/:id': { elsewhere: ACCESS },
  'PATCH /api/users/:id': { elsewhere: ACCESS },
  'GET /api/users/:id/history': { elsewhere: ACCESS },
  'POST /api/users/:id/deactivate': { elsewhere: ACCESS },
  'POST /api/users/:id/reset-password': { elsewhere: ACCESS },
  'POST /api/users/:id/reset-totp': { elsewhere: ACCESS },
  'POST /api/users/:id/unlock': { elsewhere: ACCESS },
  'GET /api/users/:id/tokens': { elsewhere: ACCESS },
  'POST /api/users/:id/tokens/:tokenId/revoke': { elsewhere: ACCESS },
  'POST /api/credential-resets/:id/approve': { elsewhere: ACCESS },
  'POST /api/credential-resets/:id/reject': { elsewhere: ACCESS },
  'GET /api/persons/:id': { elsewhere: ACCESS },
  'PATCH /api/persons/:id': { elsewhere: ACCESS },
  'GET /api/persons/:id/history': { elsewhere: ACCESS },
  'POST /api/persons/:id/deactivate': { elsewhere: ACCESS },
  'GET /api/roles/:id': { elsewhere: ACCESS },
  'GET /api/roles/:id/history': { elsewhere: ACCESS },
  'POST /api/roles/:id/copy': { elsewhere: ACCESS },
  'PATCH /api/roles/:id': { elsewhere: ACCESS },
  'POST /api/roles/:id/deactivate': { elsewhere: ACCESS },
  'GET /api/grants/:id': { elsewhere: ACCESS },
  'POST /api/grants/:id/approve': { elsewhere: ACCESS },
  'POST /api/grants/:id/reject': { elsewhere: ACCESS },
  'POST /api/grants/:id/revoke': { elsewhere: ACCESS },
  'GET /api/camera-groups/:id': { elsewhere: ACCESS },
  'PATCH /api/camera-groups/:id': { elsewhere: ACCESS },
  'GET /api/camera-groups/:id/history': { elsewhere: ACCESS },
  'POST /api/camera-groups/:id/deactivate': { elsewhere: ACCESS },
  'POST /api/access/:entryId/close': { elsewhere: VIDEO },
  'POST /api/export-requests/:id/approve': { elsewhere: VIDEO },
  'GET /api/state-organ-requests/:id': { elsewhere: STATE_ORGAN },
  'POST /api/state-organ-requests/:id/approve': { elsewhere: STATE_ORGAN },
  'POST /api/state-organ-requests/:id/reject': { elsewhere: STATE_ORGAN },
  'POST /api/state-organ-requests/:id/documents': { elsewhere: STATE_ORGAN },
  'GET /api/state-organ-requests/:id/documents/:docId': { elsewhere: STATE_ORGAN },
  'POST /api/state-organ-requests/:id/amendments': { elsewhere: STATE_ORGAN },
  'POST /api/state-organ-requests/:id/close': { elsewhere: STATE_ORGAN },
  'POST /api/state-organ-requests/:id/handovers': { elsewhere: STATE_ORGAN },
  'GET /api/state-organ-requests/:id/handovers': { elsewhere: STATE_ORGAN },
  'GET /api/state-organ-requests/:id/handovers/:hid/receipt': { elsewhere: STATE_ORGAN },
  'GET /api/state-organ-requests/:id/handovers/:hid/bundle': { elsewhere: STATE_ORGAN },
  'POST /api/state-organ-requests/:id/handovers/:hid/signature': { elsewhere: STATE_ORGAN },
  'POST /api/export-requests/:id/reject': { elsewhere: VIDEO },
  'GET /api/media/segments/:segmentId': { elsewhere: `${VIDEO}: a media token, not a grant` },
  'GET /api/cameras/:id/coverage': { elsewhere: VIDEO },
  'GET /api/cameras/:id/recorded-days': { elsewhere: VIDEO },
  'GET /api/register/:id': { elsewhere: VIDEO },
  'PATCH /api/register/:id': { elsewhere: 'always 405: nobody edits the register' },
  'PUT /api/register/:id': { elsewhere: 'always 405: nobody edits the register' },
  'DELETE /api/register/:id': { elsewhere: 'always 405: nobody edits the register' },
  'GET /api/retention/orders/:id': { elsewhere: VIDEO },
  'POST /api/retention/orders/:id/approve': { elsewhere: VIDEO },
  'POST /api/retention/orders/:id/execute': { elsewhere: VIDEO },
  'DELETE /api/recordings/:id': { elsewhere: 'always 405: nobody deletes footage by hand' },
  'GET /api/art21-requests/:id': { elsewhere: ART21 },
  'POST /api/public/signs/:code/reports': { elsewhere: PUBLIC_REPORT_INTAKE },
  'GET /api/public/reports/:reference': { elsewhere: PUBLIC_REPORT_INTAKE },
  'GET /api/public-reports/:id': { elsewhere: PUBLIC_REPORTS },
  'GET /api/public-reports/:id/photos/:photoId': { elsewhere: PUBLIC_REPORTS },
  'POST /api/public-reports/:id/acknowledge': { elsewhere: PUBLIC_REPORTS },
  'POST /api/public-reports/:id/investigate': { elsewhere: PUBLIC_REPORTS },
  'POST /api/public-reports/:id/resolve': { elsewhere: PUBLIC_REPORTS },
  'POST /api/public-reports/:id/camera': { elsewhere: PUBLIC_REPORTS },
  'POST /api/public-reports/:id/forward': { elsewhere: PUBLIC_REPORTS },
  'GET /api/public-reports/:id/forwarding-letter.pdf': { elsewhere: PUBLIC_REPORTS },
  'GET /api/art21-requests/:id/documents/:documentId': { elsewhere: ART21 },
  'POST /api/art21-requests/:id/decision': { elsewhere: ART21 },
  'POST /api/art21-requests/:id/acknowledgements': { elsewhere: ART21 },
  'GET /api/art21-requests/:id/sessions': { elsewhere: ART21 },
  'POST /api/art21-requests/:id/sessions': { elsewhere: ART21 },
  'GET /api/art21-sessions/:id': { elsewhere: ART21 },
  'POST /api/art21-sessions/:id/end': { elsewhere: ART21 },
  'POST /api/art21-requests/:id/documents': { elsewhere: 'test/public/public-art21.test.ts: a document is added only to a request of a unit in reach' },
  // Public release (art. 22): every action is checked against the release's camera.
  'GET /api/alarms/:id': { elsewhere: ALARMS },
  'POST /api/alarms/:id/acknowledge': { elsewhere: ALARMS },
  'GET /api/alarms/:id/snapshots/:which': { elsewhere: ALARMS },
  'POST /api/webhooks/deliveries/:id/redeliver': { elsewhere: WEBHOOKS },
  'GET /api/webhooks/:id': { elsewhere: WEBHOOKS },
  'PATCH /api/webhooks/:id': { elsewhere: WEBHOOKS },
  'DELETE /api/webhooks/:id': { elsewhere: WEBHOOKS },
  'POST /api/webhooks/:id/rotate-secret': { elsewhere: WEBHOOKS },
  'POST /api/webhooks/:id/test': { elsewhere: WEBHOOKS },
  'GET /api/webhooks/:id/deliveries': { elsewhere: WEBHOOKS },
  'GET /api/releases/:id': { elsewhere: RELEASE },
  'POST /api/releases/:id/detect': { elsewhere: RELEASE },
  'GET /api/releases/:id/job': { elsewhere: RELEASE },
  'POST /api/releases/:id/job/cancel': { elsewhere: RELEASE },
  'GET /api/releases/:id/job/edits': { elsewhere: RELEASE },
  'POST /api/releases/:id/tracks': { elsewhere: RELEASE },
  'PUT /api/releases/:id/tracks/:trackId/keyframes': { elsewhere: RELEASE },
  'POST /api/releases/:id/tracks/:trackId/keyframes/delete': { elsewhere: RELEASE },
  'POST /api/releases/:id/tracks/:trackId/extend': { elsewhere: RELEASE },
  'DELETE /api/releases/:id/tracks/:trackId': { elsewhere: RELEASE },
  'POST /api/releases/:id/tracks/:trackId/resolve': { elsewhere: RELEASE },
  'POST /api/releases/:id/sign-off': { elsewhere: RELEASE },
  'POST /api/releases/:id/approve': { elsewhere: RELEASE },
  'POST /api/releases/:id/reject': { elsewhere: RELEASE },
  'POST /api/releases/:id/publish': { elsewhere: RELEASE },
  'GET /api/releases/:id/render': { elsewhere: RELEASE },
  'POST /api/releases/:id/render/cancel': { elsewhere: RELEASE },
  'GET /api/releases/:id/file': { elsewhere: RELEASE },
  'GET /api/corrective-orders/:id': { elsewhere: CORRECTIVE_ORDERS },
  'GET /api/corrective-orders/:id/history': { elsewhere: CORRECTIVE_ORDERS },
  'POST /api/corrective-orders/:id/items/:itemId/close': { elsewhere: CORRECTIVE_ORDERS },
  'GET /api/corrective-orders/:id/documents/:documentId': { elsewhere: CORRECTIVE_ORDERS },
  'GET /api/corrective-orders/:id/report-back.pdf': { elsewhere: CORRECTIVE_ORDERS },
  // Inspection packages: checked against the package's site or unit (inspector scope, AUDIT, ADMINISTER).
  'GET /api/inspection-packages/:id.json': { elsewhere: INSPECTION },
  'GET /api/inspection-packages/:id.pdf': { elsewhere: INSPECTION },
};
