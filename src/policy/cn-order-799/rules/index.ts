import { adminDivisionRule } from './admin-division.ts';
import { audioRule } from './audio.ts';
import { consentRule } from './consent.ts';
import { fovIntoZoneRule } from './fov-into-zone.ts';
import { installerRule } from './installer.ts';
import { managementUnitRule } from './management-unit.ts';
import { necessityRule } from './necessity.ts';
import { nonPublicPrivacyRule } from './non-public-privacy.ts';
import { placementRule } from './placement.ts';
import { prohibitedZoneRule } from './prohibited-zone.ts';
import { retentionRule } from './retention.ts';
import type { Rule } from './rule.ts';
import { signageRule } from './signage.ts';
import { productConformanceRule } from './product-conformance.ts';
import { vulnerabilityRemediationRule } from './vulnerability-remediation.ts';
import { archiveRule } from './archive.ts';

export const RULES: readonly Rule[] = [
  adminDivisionRule,
  managementUnitRule,
  necessityRule,
  installerRule,
  prohibitedZoneRule,
  fovIntoZoneRule,
  audioRule,
  consentRule,
  placementRule,
  signageRule,
  retentionRule,
  nonPublicPrivacyRule,
  productConformanceRule,
  vulnerabilityRemediationRule,
  archiveRule,
];
