import type { Rule } from '../rule';
import { faultsOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, isSet, obj } from '../shared/values';

export const faultExponentialDelay: Rule = {
  code: 'vs-fault-exponential-delay',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'fault.delay.exponentialDelay is not supported',
  explanation: [
    '`fault.delay.exponentialDelay` is part of the API but not implemented. Istio rejects the VirtualService ("exponentialDelay not supported yet").',
    '',
    'Use `fixedDelay` instead. The quick fix renames the field.',
  ].join('\n'),
  check(ctx) {
    for (const f of faultsOf(specOf(ctx))) {
      const delay = obj(f.value.delay);
      if (!delay || !isSet(delay, 'exponentialDelay')) continue;
      const at = [...f.path, 'delay', 'exponentialDelay'];
      ctx.report(at, `${fieldPath(at)}: exponentialDelay is not supported yet; use fixedDelay.`, {
        fixes:
          delay.fixedDelay === undefined
            ? [ctx.fix.renameKey(at, 'fixedDelay', 'Use fixedDelay')]
            : undefined,
      });
    }
  },
};
