/**
 * The fuzz harness (issue 10): mutants of the fixture corpus and the samples, run through every
 * feature of the engine. Checks: nothing throws, every range is valid against the LSP line model
 * (\n, \r\n, \r), every request takes under a second.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../shared/src/protocol';
import { IstioService } from '../../server/src/service/index';

export const ROOT = join(__dirname, '..', '..');

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e)) out.push(p);
  }
  return out;
}

/** The seeds: every YAML file of the fixtures and the samples, at most 20 KB each. */
export const SEEDS: string[] = [
  ...yamlFiles(join(ROOT, 'test', 'fixtures')),
  ...yamlFiles(join(ROOT, 'samples')),
]
  .map((p) => readFileSync(p, 'utf8'))
  .filter((t) => t.length < 20000);

/** LSP line lengths: lines end at \n, \r\n or a lone \r. */
function lspLines(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

const ODD = [
  '\u2028',
  '\r',
  '\t',
  '\u0000',
  '😀',
  '\uD800',
  '&a ',
  '*a',
  '<<: *a',
  '---',
  '...',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '#',
  ': ',
  '- ',
  '|',
  '>',
];
const VALUES = [
  'true',
  'no',
  '0x1F',
  '1e9',
  '-1',
  '~',
  'null',
  '""',
  '[]',
  '{}',
  '"x"',
  '99999999999999999999',
  '&x [*x]',
];

/** A mutation of a text: line edits, type flips, huge and unicode values, aliases, tabs, markers, CR, U+2028. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom(...ODD) }),
  fc.record({ kind: fc.constant('deleteLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('dupLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('value' as const), at: fc.nat(), s: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constant('long' as const), at: fc.nat(), n: fc.integer({ min: 100, max: 20000 }) }),
  fc.record({
    kind: fc.constant('unicode' as const),
    at: fc.nat(),
    s: fc.string({ unit: 'binary', maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('eol' as const), s: fc.constantFrom('\r', '\r\n', '\u2028') }),
  fc.record({ kind: fc.constant('cycle' as const), at: fc.nat() }),
);
export type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

export function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const lines = t.split('\n');
    const li = 'at' in m ? m.at % Math.max(1, lines.length) : 0;
    const pos = 'at' in m ? m.at % (t.length + 1) : 0;
    switch (m.kind) {
      case 'insert':
      case 'unicode':
        t = t.slice(0, pos) + m.s + t.slice(pos);
        break;
      case 'deleteLine':
        lines.splice(li, 1);
        t = lines.join('\n');
        break;
      case 'dupLine':
        lines.splice(li, 0, lines[li] ?? '');
        t = lines.join('\n');
        break;
      case 'value': {
        const l = lines[li] ?? '';
        const c = l.indexOf(': ');
        lines[li] = c >= 0 ? `${l.slice(0, c + 2)}${m.s}` : `${l} ${m.s}`;
        t = lines.join('\n');
        break;
      }
      case 'long':
        t = t.slice(0, pos) + 'x'.repeat(m.n) + t.slice(pos);
        break;
      case 'eol':
        t = t.replace(/\n/g, m.s);
        break;
      case 'cycle': {
        const l = lines[li] ?? '';
        const c = l.indexOf(': ');
        if (c >= 0) lines[li] = `${l.slice(0, c + 2)}&c {k: *c}`;
        t = lines.join('\n');
        break;
      }
    }
  }
  return t;
}

export const mutant = fc
  .tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([i, ms]) => ({ seed: i % SEEDS.length, ms }));

function checkRange(r: Range, lines: number[], what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(
      Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length,
      `${what}: line ${p.line} of ${lines.length}`,
    );
    assert.ok(
      Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line],
      `${what}: character ${p.character} on line ${p.line} of length ${lines[p.line]}`,
    );
  }
  assert.ok(
    r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character),
    `${what}: reversed`,
  );
}

let counter = 0;

/** Runs every feature on a text; throws (an assertion) on the first problem. */
export function exercise(service: IstioService, text: string): void {
  const uri = `file:///fuzz/${++counter}.yaml`;
  const lines = lspLines(text);
  const timed = <T>(what: string, fn: () => T): T => {
    const t0 = performance.now();
    const r = fn();
    const ms = performance.now() - t0;
    assert.ok(ms < 1000, `${what} took ${ms.toFixed(0)} ms`);
    return r;
  };
  try {
    const file = service.snapshot(uri, 1, text);
    const ds: Diagnostic[] = timed('diagnostics', () => service.diagnostics(file, DEFAULT_SETTINGS));
    for (const d of ds) {
      checkRange(d.range, lines, `diagnostic ${String(d.code)}`);
      for (const r of d.relatedInformation ?? []) checkRange(r.location.range, lines, 'related');
    }
    const actions = timed('codeActions', () => service.codeActions(uri, ds));
    for (const a of actions)
      for (const e of a.edit?.changes?.[uri] ?? []) checkRange(e.range, lines, `fix ${a.title}`);
    const symbols = timed('symbols', () => service.symbols(file));
    const walk = (ss: typeof symbols): void => {
      for (const s of ss) {
        checkRange(s.range, lines, `symbol ${s.name}`);
        checkRange(s.selectionRange, lines, `symbol ${s.name}`);
        walk(s.children ?? []);
      }
    };
    walk(symbols);
    const whole: Range = {
      start: { line: 0, character: 0 },
      end: { line: lines.length - 1, character: lines[lines.length - 1] },
    };
    for (const h of timed('inlayHints', () => service.inlayHints(file, whole)))
      checkRange({ start: h.position, end: h.position }, lines, 'inlay hint');
    // Hover and completion at a few positions spread over the text.
    for (let k = 0; k < 6; k++) {
      const line = Math.floor((k * lines.length) / 6);
      const position = { line, character: Math.min(lines[line], 2 + k * 3) };
      const h = timed('hover', () => service.hover(file, position));
      if (h?.range) checkRange(h.range, lines, 'hover');
      for (const c of timed('completion', () => service.completion(file, position))) {
        const te = c.textEdit;
        if (te && 'range' in te) checkRange(te.range, lines, `completion ${c.label}`);
      }
    }
  } finally {
    service.close(uri);
  }
}

/** An engine with every schema compiled: the 1 s bound is for requests, not for first compiles. */
export function newService(log: (m: string) => void): IstioService {
  const service = new IstioService({ schemasDir: join(ROOT, 'schemas'), log });
  for (const k of service.catalog.index.kinds) for (const v of k.versions) service.warm(k.group, v, k.kind);
  return service;
}
