/**
 * The API's enumerations the desk offers, in the order the API lists them: the registry's own lists,
 * imported (pure constants), so that the desk cannot drift from them. Their labels (with the article
 * where one applies) live in i18n/areas/desk.ts under `enum.<group>`.
 */
export { ASSET_TYPES, COMMISSION_SCOPES, PLACE_CATEGORIES, SECURITY_OBLIGATION_BASES, UNIT_TYPES, ZONE_TYPES } from '../../../src/registry/enums.ts';

/** The archive's document types (src/archive/model.ts, which the web UI does not load: it brings zod); test/web/desk-enums.test.ts keeps them equal. */
export const ARCHIVE_DOCUMENT_TYPES = ['DESIGN', 'CONSTRUCTION', 'INSPECTION_TEST', 'ACCEPTANCE', 'STANDARDS_APPLIED', 'CHANGE'] as const;
