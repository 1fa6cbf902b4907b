import type { Rule } from '../rule';
import { selectorWithoutLabels } from './selectorWithoutLabels';

/**
 * The rules of this kind, one per file in this folder. The other PeerAuthentication checks of Istio's
 * webhook are CEL rules of the CRD (portLevelMtls needs a selector, port range, selector keys and
 * wildcards) or schema bounds (an empty portLevelMtls), which the engine already reports.
 */
export const rules: readonly Rule[] = [selectorWithoutLabels];
