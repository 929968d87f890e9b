import type { BodyOf, ResponseOf } from '../api/http.ts';

export type InspectionPackage = ResponseOf<'/api/inspection-packages', 'post'>;
export type PackageRequest = BodyOf<'/api/inspection-packages'>;
export type InspectorAccount = ResponseOf<'/api/inspector-accounts'>[number];
export type PackageSummary = ResponseOf<'/api/inspection-packages'>[number];
