import { ConflictError, InvalidError, type DomainError } from '../../shared/errors.ts';
import type { Finding } from '../../policy/types.ts';

/** The domain error that refuses an action because of BLOCK findings; the first one speaks for all. */
export function refusalFor(blocks: Finding[]): DomainError | undefined {
  const [first] = blocks;
  if (!first) return undefined;
  const options = {
    article: first.article,
    penaltyRef: first.penaltyRef,
    message: first.message,
    details: {
      ruleId: first.ruleId,
      ...first.details,
      findings: blocks.map(({ ruleId, code, article, message, details }) => ({ ruleId, code, article, message, details })),
    },
  };
  return first.refusal === 'PRECONDITION' ? new ConflictError(first.code, options) : new InvalidError(first.code, options);
}
