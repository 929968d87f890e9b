import type { Migration } from 'kysely';
import * as m0001 from './0001_registry.ts';
import * as m0002 from './0002_assets_devices.ts';
import * as m0003 from './0003_archives.ts';
import * as m0004 from './0004_history_reason.ts';
import * as m0005 from './0005_camera_privacy_attestation.ts';
import * as m0006 from './0006_segments.ts';
import * as m0007 from './0007_access.ts';
import * as m0008 from './0008_ledger.ts';
import * as m0009 from './0009_retention.ts';
import * as m0010 from './0010_administer_action.ts';
import * as m0011 from './0011_grant_snapshots.ts';
import * as m0013 from './0013_secrets_at_rest.ts';
import * as m0014 from './0014_site_floor_plans.ts';
import * as m0015 from './0015_sign_position.ts';
import * as m0017 from './0017_art21_requests.ts';
import * as m0018 from './0018_public_releases.ts';
import * as m0016 from './0016_state_organ_requests.ts';
import * as m0019 from './0019_alarms.ts';
import * as m0020 from './0020_webhooks.ts';
import * as m0021 from './0021_tamper.ts';
import * as m0022 from './0022_gb28181.ts';
import * as m0024 from './0024_onvif_cameras.ts';
import * as m0025 from './0025_public_sign_codes.ts';
import * as m0026 from './0026_audio_pickup_radius.ts';
import * as m0027 from './0027_art21_public_intake.ts';
import * as m0028 from './0028_public_reports.ts';
import * as m0029 from './0029_inspection.ts';
import * as m0030 from './0030_corrective_orders.ts';
import * as m0031 from './0031_cluster.ts';
import * as m0032 from './0032_segment_location.ts';
import * as m0033 from './0033_shared_throttle.ts';

/** Every migration, in order. Names are stable: they are recorded in the database. */
export const migrations: Record<string, Migration> = {
  '0001_registry': m0001,
  '0002_assets_devices': m0002,
  '0003_archives': m0003,
  '0004_history_reason': m0004,
  '0005_camera_privacy_attestation': m0005,
  '0006_segments': m0006,
  '0007_access': m0007,
  '0008_ledger': m0008,
  '0009_retention': m0009,
  '0010_administer_action': m0010,
  '0011_grant_snapshots': m0011,
  '0013_secrets_at_rest': m0013,
  '0014_site_floor_plans': m0014,
  '0015_sign_position': m0015,
  '0017_art21_requests': m0017,
  '0018_public_releases': m0018,
  '0016_state_organ_requests': m0016,
  '0019_alarms': m0019,
  '0020_webhooks': m0020,
  '0021_tamper': m0021,
  '0022_gb28181': m0022,
  '0024_onvif_cameras': m0024,
  '0025_public_sign_codes': m0025,
  '0026_audio_pickup_radius': m0026,
  '0027_art21_public_intake': m0027,
  '0028_public_reports': m0028,
  '0029_inspection': m0029,
  '0030_corrective_orders': m0030,
  '0031_cluster': m0031,
  '0032_segment_location': m0032,
  '0033_shared_throttle': m0033,
};
