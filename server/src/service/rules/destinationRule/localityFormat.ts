import type { PathSegment } from '../../yaml/nodes';
import type { Rule } from '../rule';
import { localitiesProblem, localitySettingsOf } from '../shared/locality';
import { drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, isObj, list, obj } from '../shared/values';

export const localityFormat: Rule = {
  code: 'dr-locality-format',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Invalid or overlapping locality in distribute',
  explanation: [
    'Localities in `localityLbSetting.distribute` (the `from` of each entry, and the keys of each `to`) are written `region`, `region/zone` or `region/zone/subzone`. Istio rejects the DestinationRule when:',
    '',
    '- a part is empty (`us-east//a`);',
    '- a `*` wildcard appears more than once or not at the end (`*/zone`);',
    '- a locality overlaps one listed before it in the same list (`us-east/*` after `us-east`, or a repeat).',
  ].join('\n'),
  check(ctx) {
    for (const l of localitySettingsOf(drSpecOf(ctx))) {
      const froms: { loc: string; path: PathSegment[] }[] = [];
      list(l.value.distribute).forEach((d, i) => {
        if (!isObj(d)) return;
        const base = [...l.path, 'distribute', i];
        if (typeof d.from === 'string') froms.push({ loc: d.from, path: [...base, 'from'] });
        const keys = Object.keys(obj(d.to) ?? {});
        const p = localitiesProblem(keys);
        if (p) {
          const at = [...base, 'to', keys[p.index]];
          ctx.report(at, `${fieldPath([...base, 'to'])}: ${p.message}.`);
        }
      });
      const p = localitiesProblem(froms.map((f) => f.loc));
      if (p) {
        const at = froms[p.index].path;
        ctx.report(at, `${fieldPath(at)}: ${p.message}.`, { on: 'value' });
      }
    }
  },
};
