/**
 * The API's enumerations the desk offers, in the order the API lists them. Their labels (with the
 * article where one applies) live in i18n/areas/desk.ts under `enum.<group>`.
 */
export const UNIT_TYPES = ['GOV_DEPT', 'ENTERPRISE', 'PUBLIC_INSTITUTION', 'SOCIAL_ORG', 'INDIVIDUAL', 'OTHER'] as const;
export const PLACE_CATEGORIES = ['A7_1_GOV_INFRA', 'A7_2_1_GATHERING', 'A7_2_2_TRANSPORT_HUB', 'A7_2_3_PUBLIC_VEHICLE', 'A7_2_4_SERVICE_AREA', 'A9_OTHER_PUBLIC', 'A33_NON_PUBLIC'] as const;
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
export const SECURITY_OBLIGATION_BASES = ['OWNER', 'LESSEE', 'PROPERTY_MANAGER', 'OPERATOR', 'OTHER'] as const;
export const COMMISSION_SCOPES = ['CONSTRUCTION', 'MAINTENANCE', 'OPERATION'] as const;
export const ASSET_TYPES = ['RECORDER', 'STORAGE_NODE', 'ENCODER', 'PLATFORM_SERVER', 'DISPLAY', 'NETWORK_LINK', 'OTHER'] as const;
export const ARCHIVE_DOCUMENT_TYPES = ['DESIGN', 'CONSTRUCTION', 'INSPECTION_TEST', 'ACCEPTANCE', 'STANDARDS_APPLIED', 'CHANGE'] as const;
