import type { ResourceId } from '../resource';
import { FixBuilder } from '../fixes/edits';
import type { Finding, Fix, OffsetRange } from '../types';
import type { ParsedDocument } from '../yaml/parse';
import { keyRange, locate, valueRange, type PathSegment } from '../yaml/nodes';
import type { Anchor, Rule, RuleContext } from './rule';

/** Runs the rules that apply to a resource's kind. A rule that throws is logged and skipped. */
export function runRules(
  rules: readonly Rule[],
  resource: ResourceId,
  value: Record<string, unknown>,
  parsed: ParsedDocument,
  log: (message: string) => void,
): Finding[] {
  const findings: Finding[] = [];
  const root = parsed.doc.contents;
  const rangeOf = (path: PathSegment[], on: Anchor = 'key'): OffsetRange | undefined => {
    const loc = locate(root, path);
    if (!loc) return undefined;
    return on === 'key' ? (keyRange(loc.pair) ?? valueRange(loc)) : valueRange(loc);
  };
  for (const rule of rules) {
    if (!rule.kinds.includes(resource.kind)) continue;
    const ctx: RuleContext = {
      resource,
      value,
      parsed,
      rangeOf,
      fix: new FixBuilder(parsed),
      report(path, message, options = {}) {
        const range = rangeOf(path, options.on) ?? rangeOf(path.slice(0, -1)) ?? { start: 0, end: 0 };
        const related = (options.related ?? []).flatMap((r) => {
          const rr = rangeOf(r.path, r.on);
          return rr ? [{ range: rr, message: r.message }] : [];
        });
        findings.push({
          code: rule.code,
          severity: options.severity ?? rule.severity,
          message,
          range,
          related: related.length ? related : undefined,
          data: options.data,
          fixes: options.fixes?.filter((f): f is Fix => f !== undefined),
        });
      },
    };
    try {
      rule.check(ctx);
    } catch (err) {
      log(
        `rule ${rule.code} failed on ${resource.kind} ${resource.name ?? ''}: ${err instanceof Error ? err.stack : String(err)}`,
      );
    }
  }
  return findings;
}
