/**
 * How `istioctl analyze` (envoyfilter.EnvoyPatchAnalyzer) judges each config patch of one EnvoyFilter:
 * shared by IST0151–IST0155, so that they agree on which patches are looked at and in what order.
 */
import type { RuleContext } from '../rule';
import { list, obj, type Obj } from '../shared/values';

export type PatchFinding =
  /** ADD on route configuration: ignored. */
  | 'IST0153'
  /** REMOVE on route configuration. */
  | 'IST0154'
  /** REPLACE with an applyTo it does not support. */
  | 'IST0152'
  /** A relative operation without a priority. */
  | 'IST0151'
  /** As IST0151, after an earlier patch for the same filter name matched on proxyVersion. */
  | 'IST0155';

export interface PatchVerdict {
  index: number;
  code: PatchFinding;
  operation: string;
  applyTo: string;
  /** The filter name the verdict is about, as shown in messages ('' when the patch names none). */
  name: string;
}

/** applyTo values where route configuration is patched in place; ADD and REMOVE do not apply. */
const ROUTE_TARGETS: readonly string[] = ['ROUTE_CONFIGURATION', 'HTTP_ROUTE'];
/** The applyTo values REPLACE supports. */
export const REPLACE_TARGETS: readonly string[] = ['HTTP_FILTER', 'NETWORK_FILTER', 'VIRTUAL_HOST'];

/**
 * The filter name Istio files a patch under: `patch.value.name` when the value has it (compared as
 * the whole value, so a non-string name only equals itself), otherwise the listener filter-chain
 * filter name of the match. A patch without a value map is filed under the empty name. A `name:
 * null` is still a name (a null value), as it is in the protobuf Struct Istio reads.
 */
function filedName(patch: Obj, match: Obj | undefined): { key: string; shown: string } {
  const value = obj(patch.value);
  if (!value) return { key: '', shown: '' };
  if (value.name !== undefined) {
    const shown = typeof value.name === 'string' ? value.name : JSON.stringify(value.name);
    return { key: `\u0000value:${JSON.stringify(value.name)}`, shown };
  }
  const filter = obj(obj(obj(match?.listener)?.filterChain)?.filter);
  const name = typeof filter?.name === 'string' ? filter.name : '';
  return { key: name, shown: name };
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The verdicts for one EnvoyFilter, in patch order. Like the analyzer, it stops at the first patch
 * entry without a `patch` map, and only counts proxyVersion matches of earlier patches.
 */
export function patchVerdicts(spec: Obj | undefined): PatchVerdict[] {
  const out: PatchVerdict[] = [];
  const priority = spec?.priority;
  const noPriority = priority === undefined || priority === null || priority === 0;
  const versioned = new Set<string>();
  const patches = list(spec?.configPatches);
  for (let index = 0; index < patches.length; index++) {
    const entry = obj(patches[index]);
    const patch = obj(entry?.patch);
    if (!entry || !patch) break;
    const match = obj(entry.match);
    const name = filedName(patch, match);
    const operation = text(patch.operation);
    const applyTo = text(entry.applyTo);
    const verdict = (code: PatchFinding): void => {
      out.push({ index, code, operation, applyTo, name: name.shown });
    };
    const relative = (): void => {
      if (noPriority) verdict(versioned.has(name.key) ? 'IST0155' : 'IST0151');
    };
    if (operation === 'ADD') {
      if (ROUTE_TARGETS.includes(applyTo)) verdict('IST0153');
    } else if (operation === 'REMOVE') {
      if (ROUTE_TARGETS.includes(applyTo)) verdict('IST0154');
      else relative();
    } else if (operation === 'REPLACE') {
      if (!REPLACE_TARGETS.includes(applyTo)) verdict('IST0152');
      else relative();
    } else if (operation === 'INSERT_BEFORE' || operation === 'INSERT_AFTER') {
      relative();
    }
    if (text(obj(match?.proxy)?.proxyVersion) !== '') versioned.add(name.key);
  }
  return out;
}

/** Reports the verdicts with `code`, on the patch's operation, with the message `say` makes. */
export function reportPatches(ctx: RuleContext, code: PatchFinding, say: (v: PatchVerdict) => string): void {
  for (const v of patchVerdicts(obj(ctx.value.spec))) {
    if (v.code !== code) continue;
    ctx.report(['spec', 'configPatches', v.index, 'patch', 'operation'], say(v), { on: 'value' });
  }
}
