import type { Finding } from '../types';
import { firstContentRange } from '../yaml/parse';

export const CHECK_FAILED = 'check-failed';

/**
 * The finding for a check that threw on a document: never a silently skipped check. `what` names it,
 * for example "The rule vs-duplicate-hosts (Duplicate hosts)".
 */
export function checkFailed(what: string, err: unknown, text: string): Finding {
  const reason = err instanceof Error ? err.message : String(err);
  return {
    code: CHECK_FAILED,
    severity: 'information',
    message: `${what} could not run on this document (${reason.split('\n')[0].slice(0, 200)}). The other checks ran. The error is logged in the Istio output channel.`,
    range: firstContentRange(text),
  };
}
