import type { PathSegment } from '../../yaml/nodes';
import type { Rule } from '../rule';
import { itemsOf, routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, num, obj } from '../shared/values';

export const mirrorPercentageRange: Rule = {
  code: 'vs-mirror-percentage-range',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Mirror percentage out of range',
  explanation: [
    'The share of traffic to mirror must be between 0 and 100. Istio rejects the VirtualService when `mirrorPercentage.value`, `mirrors[].percentage.value` or the deprecated `mirrorPercent` is above 100, or a percentage is negative.',
  ].join('\n'),
  check(ctx) {
    const check = (at: PathSegment[], v: number | undefined): void => {
      if (v === undefined || (v >= 0 && v <= 100)) return;
      ctx.report(at, `${fieldPath(at)}: ${v} is not a valid mirror percentage; use a value from 0 to 100.`, {
        on: 'value',
      });
    };
    for (const r of routesOf(specOf(ctx), 'http')) {
      for (const key of ['mirrorPercent', 'mirror_percent']) check([...r.path, key], num(r.value[key]));
      check([...r.path, 'mirrorPercentage', 'value'], num(obj(r.value.mirrorPercentage)?.value));
      for (const m of itemsOf(r.value, 'mirrors', r.path)) {
        check([...m.path, 'percentage', 'value'], num(obj(m.value.percentage)?.value));
      }
    }
  },
};
