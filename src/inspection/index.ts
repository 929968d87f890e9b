/** The inspection module (art. 24, REG-24-1): inspector accounts, the request log, the inspection package. */
import type { UsersService } from '../access/accounts/users-service.ts';
import type { GrantsService } from '../access/grants/grants-service.ts';
import type { RegistryContext } from '../registry/services/context.ts';
import { InspectorAccountsService } from './inspector-accounts-service.ts';
import { InspectionPackageService, type PackageDeps } from './package-service.ts';
import { inspectorRequestLog } from './request-log.ts';

export function createInspection(d: RegistryContext & Omit<PackageDeps, 'db' | 'clock' | 'gate'> & { users: UsersService; grants: GrantsService }) {
  return {
    accounts: new InspectorAccountsService(d, d.users, d.grants),
    packages: new InspectionPackageService(d),
    /** Called by the access guard after each request of an inspector. */
    logRequest: inspectorRequestLog(d),
  };
}

export type Inspection = ReturnType<typeof createInspection>;
