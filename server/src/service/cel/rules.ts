import { celEnv, parse, plan, isCelError, type CelEnv } from '@bufbuild/cel';
import { RE2JS } from 're2js';
import { kubernetesFunctions } from './kubernetesLibrary';

/** One `x-kubernetes-validations` entry of a CRD. */
export interface CelRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: string;
}

export type CelOutcome = { ok: true } | { ok: false; error?: string };

export interface CompiledRule {
  rule: CelRule;
  /** Top-level field names the rule tests with `has(self.NAME)`: used to narrow the diagnostic range. */
  testedFields: string[];
  evaluate(self: unknown): CelOutcome;
}

/**
 * Compiles and evaluates CRD CEL rules. Each distinct rule text is parsed and planned once for the
 * lifetime of the compiler; the compiled program is shared by every schema node that carries it.
 * Regular expressions (`matches`) run on re2js, the same RE2 semantics the API server uses.
 */
export class CelRuleCompiler {
  private readonly env: CelEnv;
  private readonly cache = new Map<string, CompiledRule>();
  /** Every rule text compiled so far, with how often it was evaluated (read by tests). */
  readonly evaluations = new Map<string, number>();

  constructor() {
    this.env = celEnv({
      funcs: kubernetesFunctions,
      re2: { compile: (pattern: string) => this.regex(pattern) },
    });
  }

  private readonly regexes = new Map<string, { test(text: string): boolean }>();

  private regex(pattern: string): { test(text: string): boolean } {
    let m = this.regexes.get(pattern);
    if (!m) {
      const re = RE2JS.compile(pattern);
      m = { test: (text: string) => re.matcher(text).find() };
      this.regexes.set(pattern, m);
    }
    return m;
  }

  compile(rule: CelRule): CompiledRule {
    const cached = this.cache.get(rule.rule);
    if (cached) return { ...cached, rule };
    let program: ((ctx: { self: unknown }) => unknown) | undefined;
    let compileError: string | undefined;
    try {
      const p = plan(this.env, parse(rule.rule));
      program = (ctx) => p(ctx as never);
    } catch (err) {
      compileError = err instanceof Error ? err.message : String(err);
    }
    const counts = this.evaluations;
    counts.set(rule.rule, counts.get(rule.rule) ?? 0);
    const compiled: CompiledRule = {
      rule,
      testedFields: [...rule.rule.matchAll(/has\(self\.([A-Za-z_][A-Za-z0-9_]*)\)/g)].map((m) => m[1]),
      evaluate(self: unknown): CelOutcome {
        counts.set(rule.rule, (counts.get(rule.rule) ?? 0) + 1);
        if (!program) return { ok: false, error: `the rule could not be compiled: ${compileError}` };
        try {
          const result = program({ self: toCel(self) });
          if (result === true) return { ok: true };
          if (isCelError(result)) return { ok: false, error: result.message };
          return { ok: false };
        } catch (err) {
          return { ok: false, error: err instanceof Error ? err.message : String(err) };
        }
      },
    };
    this.cache.set(rule.rule, compiled);
    return compiled;
  }
}

/** JSON-like values to CEL inputs: whole numbers become `int`, objects become maps. */
export function toCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object') {
    const m = new Map<string, unknown>();
    for (const [k, v] of Object.entries(value)) m.set(k, toCel(v));
    return m;
  }
  return value;
}
