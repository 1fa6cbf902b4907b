import type { ResourceId } from '../resource';
import { FixBuilder } from '../fixes/edits';
import type { Finding, Fix, OffsetRange } from '../types';
import { quickRange, type ParsedDocument } from '../yaml/parse';
import { keyRange, locate, valueRange, type PathSegment } from '../yaml/nodes';
import { checkFailed } from '../checks/checkFailed';
import { MAX_PER_CHECK, omittedFinding } from '../checks/caps';
import type { Anchor, ReportOptions, Rule, RuleContext } from './rule';

/** Rules grouped by the kind they apply to, built once per engine. */
export class RuleSet {
  private readonly byKind = new Map<string, Rule[]>();

  constructor(readonly all: readonly Rule[]) {
    for (const rule of all) {
      for (const kind of rule.kinds) {
        const list = this.byKind.get(kind) ?? [];
        list.push(rule);
        this.byKind.set(kind, list);
      }
    }
  }

  forKind(kind: string): readonly Rule[] {
    return this.byKind.get(kind) ?? [];
  }
}

/**
 * Runs the rules that apply to a resource's kind. A rule reports at most MAX_PER_CHECK findings (the
 * rest are only counted, without computing their ranges). A rule that throws is logged, and becomes
 * one information finding that names it; the findings of the other rules stay.
 */
export function runRules(
  rules: RuleSet,
  resource: ResourceId,
  value: Record<string, unknown>,
  parsed: ParsedDocument,
  log: (message: string) => void,
): Finding[] {
  const applicable = rules.forKind(resource.kind);
  if (!applicable.length) return [];
  const findings: Finding[] = [];
  // The AST is built only when a rule asks for a position.
  const rangeOf = (path: PathSegment[], on: Anchor = 'key'): OffsetRange | undefined => {
    const quick = quickRange(parsed, path, on);
    if (quick) return quick;
    const loc = locate(parsed.doc.contents, path);
    if (!loc) return undefined;
    return on === 'key' ? (keyRange(loc.pair) ?? valueRange(loc)) : valueRange(loc);
  };
  let fix: FixBuilder | undefined;
  let current: Rule = applicable[0];
  let reported = 0;
  let omitted = 0;
  // One context per document; `report` attributes findings to the rule that is running.
  const ctx: RuleContext = {
    resource,
    value,
    parsed,
    rangeOf,
    get fix(): FixBuilder {
      return (fix ??= new FixBuilder(parsed));
    },
    report(path: PathSegment[], message: string, options: ReportOptions = {}) {
      if (++reported > MAX_PER_CHECK) {
        omitted++;
        return;
      }
      const range = rangeOf(path, options.on) ?? rangeOf(path.slice(0, -1)) ?? { start: 0, end: 0 };
      const related = (options.related ?? []).flatMap((r) => {
        const rr = rangeOf(r.path, r.on);
        return rr ? [{ range: rr, message: r.message }] : [];
      });
      findings.push({
        code: current.code,
        severity: options.severity ?? current.severity,
        message,
        range,
        related: related.length ? related : undefined,
        data: options.data,
        fixes: options.fixes?.filter((f): f is Fix => f !== undefined),
      });
    },
  };
  for (const rule of applicable) {
    current = rule;
    reported = 0;
    omitted = 0;
    try {
      rule.check(ctx);
    } catch (err) {
      log(
        `rule ${rule.code} failed on ${resource.kind} ${resource.name ?? ''}: ${err instanceof Error ? err.stack : String(err)}`,
      );
      findings.push(checkFailed(`The rule ${rule.code} (${rule.title})`, err, parsed.text));
    }
    if (omitted) findings.push(omittedFinding(rule.code, omitted));
  }
  return findings;
}
