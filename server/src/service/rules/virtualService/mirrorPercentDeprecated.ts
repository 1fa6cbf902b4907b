import type { Fix } from '../../types';
import type { Rule } from '../rule';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath } from '../shared/values';

export const mirrorPercentDeprecated: Rule = {
  code: 'vs-mirror-percent-deprecated',
  severity: 'warning',
  kinds: ['VirtualService'],
  title: 'Deprecated mirrorPercent',
  explanation: [
    '`mirrorPercent` is deprecated. Istio accepts it but warns (\'using deprecated setting "mirrorPercent", use "mirrorPercentage" instead\').',
    '',
    'Use `mirrorPercentage: {value: N}`, which also accepts fractions. The quick fix rewrites the field.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      for (const key of ['mirrorPercent', 'mirror_percent']) {
        const v = r.value[key];
        if (v === undefined || v === null) continue;
        const at = [...r.path, key];
        let fix: Fix | undefined;
        if (typeof v === 'number' && r.value.mirrorPercentage === undefined) {
          const rename = ctx.fix.renameKey(at, 'mirrorPercentage', '');
          const value = ctx.fix.replaceValue(at, `{value: ${v}}`, '');
          if (rename && value)
            fix = {
              title: 'Use mirrorPercentage',
              preferred: true,
              edits: [...rename.edits, ...value.edits],
            };
        }
        ctx.report(at, `${fieldPath(at)} is deprecated; use mirrorPercentage: {value: N} instead.`, {
          fixes: [fix],
        });
      }
    }
  },
};
