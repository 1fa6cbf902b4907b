import { createHash } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Range } from 'vscode-languageserver-types';
import { version } from '../../../../package.json';
import { folderUri, pathBelow, relativeUri } from './paths';
import type { CliLocation, CliResult, CliSeverity, FormatContext } from './result';

/** SARIF 2.1.0 (OASIS), the format GitHub code scanning and most CI dashboards read. */
export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The base every relative artifact URI is resolved against; originalUriBaseIds says where it was. */
export const SRCROOT = 'SRCROOT';
/** Key of our fingerprint. Bump the version when what it hashes changes. */
export const FINGERPRINT_KEY = 'istioLint/v1';

const LEVEL: Record<CliSeverity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

const INFORMATION_URI = 'https://github.com/istio-authoring/istio-authoring';

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription?: { text: string; markdown: string };
  helpUri?: string;
}

/** `YAML syntax error` -> `YamlSyntaxError`; SARIF wants a name that reads as an identifier. */
function ruleName(title: string | undefined, code: string): string {
  const words = (title ?? code).split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join('') || code;
}

/** Markdown without its code spans and emphasis, for SARIF's plain-text fields. */
const plain = (md: string): string => md.replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]*)\*\*/g, '$1');

function rules(results: readonly CliResult[], ctx: FormatContext): ReportingDescriptor[] {
  const helpUri = new Map<string, string | undefined>();
  for (const r of results) if (!helpUri.get(r.code)) helpUri.set(r.code, r.helpUri);
  return [...helpUri.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((code) => {
      const e = ctx.explain(code);
      const d: ReportingDescriptor = {
        id: code,
        name: ruleName(e?.title, code),
        shortDescription: { text: e?.title ?? code },
      };
      if (e) d.fullDescription = { text: plain(e.explanation), markdown: e.explanation };
      const uri = helpUri.get(code) ?? ctx.codeLink(code);
      if (uri) d.helpUri = uri;
      return d;
    });
}

function region(range: Range): Record<string, number> {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function physicalLocation(loc: CliLocation, base: string): Record<string, unknown> {
  const below = pathBelow(loc.file, base);
  const artifactLocation = below
    ? { uri: relativeUri(below), uriBaseId: SRCROOT }
    : { uri: pathToFileURL(resolve(loc.file)).href };
  return { artifactLocation, region: region(loc.range) };
}

/**
 * Stable across runs and machines: the code, the file's path relative to the base (never absolute), the
 * message, and how many identical findings came before it in that file. Line numbers are left out, so a
 * finding keeps its fingerprint when lines above it are added or removed.
 */
function fingerprints(results: readonly CliResult[], base: string): string[] {
  const seen = new Map<string, number>();
  return results.map((r) => {
    const path = relative(base, resolve(r.file)).split(sep).join('/');
    const key = `${r.code}\u0000${path}\u0000${r.message}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
  });
}

/** One SARIF log with one run; results keep the CLI's (sorted) order. */
export function toSarif(results: readonly CliResult[], ctx: FormatContext): Record<string, unknown> {
  const descriptors = rules(results, ctx);
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const prints = fingerprints(results, ctx.base);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'istio-lint',
            fullName: 'Istio Authoring: istio-lint',
            version,
            semanticVersion: version,
            informationUri: INFORMATION_URI,
            rules: descriptors,
          },
        },
        invocations: [{ executionSuccessful: !ctx.ioFailure }],
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(ctx.base) } },
        columnKind: 'utf16CodeUnits',
        results: results.map((r, i) => {
          const out: Record<string, unknown> = {
            ruleId: r.code,
            ruleIndex: index.get(r.code),
            level: LEVEL[r.severity],
            message: { text: r.message },
            locations: [{ physicalLocation: physicalLocation(r, ctx.base) }],
            partialFingerprints: { [FINGERPRINT_KEY]: prints[i] },
          };
          if (r.related?.length) {
            out.relatedLocations = r.related.map((rel, j) => ({
              id: j + 1,
              physicalLocation: physicalLocation(rel, ctx.base),
              message: { text: rel.message },
            }));
          }
          return out;
        }),
      },
    ],
  };
}

export function formatSarif(results: readonly CliResult[], ctx: FormatContext): string {
  return JSON.stringify(toSarif(results, ctx), null, 2) + '\n';
}
