import { celEnv, parse, plan, isCelError, type CelEnv } from '@bufbuild/cel';
import { RE2JS } from 're2js';
import { strings } from '@bufbuild/cel/ext';
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
      // Kubernetes enables cel-go's strings extension (substring, indexOf, …) for CRD rules.
      funcs: [...strings, ...kubernetesFunctions],
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
    const testedFields = [...rule.rule.matchAll(/has\(self\.([A-Za-z_][A-Za-z0-9_]*)\)/g)].map((m) => m[1]);
    const keyOf = cacheKey(rule.rule, testedFields);
    // Outcomes by input: the same durations, label maps and field combinations recur across documents.
    const outcomes = new Map<string, CelOutcome>();
    const run = (self: unknown): CelOutcome => {
      if (!program) return { ok: false, error: `the rule could not be compiled: ${compileError}` };
      try {
        const result = program({ self: toCel(self) });
        if (result === true) return { ok: true };
        if (isCelError(result)) return { ok: false, error: result.message };
        return { ok: false };
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    };
    const compiled: CompiledRule = {
      rule,
      testedFields,
      evaluate(self: unknown): CelOutcome {
        counts.set(rule.rule, (counts.get(rule.rule) ?? 0) + 1);
        const key = keyOf(self);
        if (key === undefined) return run(self);
        let outcome = outcomes.get(key);
        if (!outcome) {
          if (outcomes.size >= MAX_CACHED_OUTCOMES) outcomes.clear();
          outcome = run(self);
          outcomes.set(key, outcome);
        }
        return outcome;
      },
    };
    this.cache.set(rule.rule, compiled);
    return compiled;
  }
}

const MAX_CACHED_OUTCOMES = 4096;
const MAX_KEY_LENGTH = 2048;

/**
 * How to key the cached outcome of a rule for an input. A rule that looks at `self` only through
 * `has(self.NAME)` depends on which of those fields are present; any other rule depends on the whole
 * value, keyed by its JSON when that is short. Undefined means: do not cache.
 */
function cacheKey(ruleText: string, testedFields: string[]): (self: unknown) => string | undefined {
  const presenceOnly =
    testedFields.length > 0 && !/\bself\b/.test(ruleText.replace(/has\(self\.[A-Za-z_][A-Za-z0-9_]*\)/g, ''));
  if (presenceOnly) {
    return (self) =>
      self !== null && typeof self === 'object' && !Array.isArray(self)
        ? testedFields.map((f) => (f in self ? '1' : '0')).join('')
        : undefined;
  }
  return (self) => {
    if (typeof self === 'string') return self.length <= MAX_KEY_LENGTH ? `s${self}` : undefined;
    if (typeof self === 'number' || typeof self === 'boolean') return `${typeof self}${String(self)}`;
    const json = JSON.stringify(self);
    return json !== undefined && json.length <= MAX_KEY_LENGTH ? `j${json}` : undefined;
  };
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
