/** Filing findings (REG-14-3, REG-14-4, REG-14-5). Placeholder until the filing engine lands. */
import type { RegistrySnapshot } from '../../../registry/snapshot.ts';
import type { Finding } from '../../types.ts';

export function evaluateFilings(_snapshot: RegistrySnapshot, _at: Date): Finding[] {
  return [];
}
