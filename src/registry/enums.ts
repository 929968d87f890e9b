/** Enumerations of the registry. Their labels and articles live in the policy pack's metadata. */
export const PLACE_CATEGORIES = [
  'A7_1_GOV_INFRA',
  'A7_2_1_GATHERING',
  'A7_2_2_TRANSPORT_HUB',
  'A7_2_3_PUBLIC_VEHICLE',
  'A7_2_4_SERVICE_AREA',
  'A9_OTHER_PUBLIC',
  'A33_NON_PUBLIC',
] as const;
export type PlaceCategory = (typeof PLACE_CATEGORIES)[number];

export const ZONE_TYPES = [
  'Z8_1_LODGING_ROOM',
  'Z8_1_PRIVATE_ROOM',
  'Z8_2_STUDENT_DORM',
  'Z8_2_STAFF_LODGING_REST',
  'Z8_3_BATHHOUSE',
  'Z8_3_TOILET',
  'Z8_3_CHANGING_ROOM',
  'Z8_3_NURSING_ROOM',
  'Z8_3_FITTING_ROOM',
  'Z8_4_OTHER_PRIVATE',
] as const;
export type ZoneType = (typeof ZONE_TYPES)[number];

export const UNIT_TYPES = ['GOV_DEPT', 'ENTERPRISE', 'PUBLIC_INSTITUTION', 'SOCIAL_ORG', 'INDIVIDUAL', 'OTHER'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const DEVICE_TYPES = ['FIXED', 'DOME', 'PTZ', 'PANORAMIC', 'FACE_CAPTURE', 'ANPR', 'THERMAL', 'OTHER'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const CONFIDENTIAL_PROXIMITIES = [
  'MILITARY_RESTRICTED_ZONE',
  'MILITARY_MANAGEMENT_ZONE',
  'CONFIDENTIAL_UNIT_VICINITY',
] as const;
export type ConfidentialProximity = (typeof CONFIDENTIAL_PROXIMITIES)[number];

export const PUBLIC_SECURITY_AREAS = [
  'ENTRANCE',
  'EXIT',
  'CASH_DESK',
  'CORRIDOR',
  'PLATFORM',
  'PARKING_LANE',
  'ROAD',
  'SQUARE',
  'PERIMETER',
  'LOBBY',
  'STAIRWELL',
  'ELEVATOR',
  'VEHICLE_INTERIOR',
  'OTHER',
] as const;
export type PublicSecurityArea = (typeof PUBLIC_SECURITY_AREAS)[number];

export const SECURITY_OBLIGATION_BASES = ['OWNER', 'LESSEE', 'PROPERTY_MANAGER', 'OPERATOR', 'OTHER'] as const;
export type SecurityObligationBasis = (typeof SECURITY_OBLIGATION_BASES)[number];

export const CAMERA_STATUSES = ['INACTIVE', 'ACTIVE', 'DEACTIVATED'] as const;
export type CameraStatus = (typeof CAMERA_STATUSES)[number];

export const FILING_STATUSES = ['DRAFT', 'SUBMITTED', 'FILED', 'RETURNED'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export const FILING_KINDS = ['INITIAL', 'CHANGE'] as const;
export type FilingKind = (typeof FILING_KINDS)[number];

export const COMMISSION_SCOPES = ['CONSTRUCTION', 'MAINTENANCE', 'OPERATION'] as const;
export type CommissionScope = (typeof COMMISSION_SCOPES)[number];

/** REG-02-2: the related facilities (相关设施) of a system besides its cameras. */
export const ASSET_TYPES = ['RECORDER', 'STORAGE_NODE', 'ENCODER', 'PLATFORM_SERVER', 'DISPLAY', 'NETWORK_LINK', 'OTHER'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

/** What a device record is: a camera (图像采集设备) or a related facility. */
export const DEVICE_KINDS = ['camera', 'asset'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** GB 35114-2017 security levels (A basic, B enhanced, C highest). */
export const CONFORMANCE_LEVELS = ['A', 'B', 'C'] as const;
export type ConformanceLevel = (typeof CONFORMANCE_LEVELS)[number];
