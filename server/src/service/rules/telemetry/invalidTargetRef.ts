import type { Rule } from '../rule';
import { targetRefRule } from '../shared/targetRefs';

export const invalidTargetRef: Rule = targetRefRule('tel-invalid-target-ref', 'Telemetry');
