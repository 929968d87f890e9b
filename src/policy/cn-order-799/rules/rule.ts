import type { Finding } from '../../types.ts';
import type { RuleContext } from '../context.ts';

/** One rule file's entry point. The REG IDs it emits are on its findings; their tags live in the applicability matrix. */
export interface Rule {
  name: string;
  evaluate(ctx: RuleContext): Finding[];
}
