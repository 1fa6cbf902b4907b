/**
 * Quick fixes for the workspace diagnostics. A diagnostic from the client is matched to the finding
 * the engine has now for the same place (code and range), so each fix is built from the current
 * index and the rule's own resolution, not from what the client sent back.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, type IstioSettings } from '../../../../../shared/src/protocol';
import { destinations, gatewayRefs } from '../../rules/workspace/refs';
import { UNRESOLVED_CODE, type CrossFinding } from '../../rules/workspace/rule';
import { str } from '../../rules/shared/values';
import { isDns1123Label } from '../../rules/shared/hostnames';
import type { PathSegment } from '../../yaml/nodes';
import { placeRange } from '../crossChecks';
import type { WorkspaceEngine } from '../engine';
import { replaceGateway, replaceHost } from './closest';
import { sameRange, type EditOptions } from './places';
import { addSubset, createDestinationRule, type WorkspaceFix } from './subsets';

export type { EditOptions } from './places';

const PLAIN_HOST = /^[A-Za-z0-9*][A-Za-z0-9.*-]*$/;

const CODES = new Set(['IST0101', 'IST0174', UNRESOLVED_CODE]);

const samePath = (a: readonly PathSegment[], b: readonly PathSegment[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function fixesFor(
  engine: WorkspaceEngine,
  settings: IstioSettings,
  f: CrossFinding,
  o: EditOptions,
): WorkspaceFix[] {
  const r = engine.resolver(settings);
  const subject = f.subject;
  if (subject.kind === 'DestinationRule' && samePath(f.path, ['spec', 'host'])) {
    const h = str(subject.spec?.host);
    return h ? replaceHost(r, subject, f.path, h) : [];
  }
  if (subject.kind !== 'VirtualService') return [];
  for (const d of destinations(subject)) {
    if (d.subset && samePath(f.path, [...d.path, 'subset'])) {
      // Names are written into YAML as plain scalars: only offer fixes for names that are valid.
      if (!isDns1123Label(d.subset) || !PLAIN_HOST.test(d.host)) return [];
      const add = addSubset(r, subject, d, d.subset);
      if (add) return [add];
      const create = createDestinationRule(engine.index, r, subject, d, o);
      return create ? [create] : [];
    }
    if (samePath(f.path, [...d.path, 'host'])) {
      const suggested = typeof f.data?.replacement === 'string' ? f.data.replacement : undefined;
      return replaceHost(r, subject, f.path, d.host, suggested);
    }
  }
  const g = gatewayRefs(subject).find((x) => samePath(x.path, f.path));
  return g ? replaceGateway(r, subject, f.path, g.ref) : [];
}

/** Quick fixes for the cross-resource diagnostics of one file. */
export function workspaceQuickFixes(
  engine: WorkspaceEngine,
  uri: string,
  diagnostics: readonly Diagnostic[],
  settings: IstioSettings,
  options: EditOptions,
): CodeAction[] {
  const wanted = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && CODES.has(String(d.code)));
  if (!wanted.length) return [];
  const findings = engine.findings(settings).get(uri) ?? [];
  const actions: CodeAction[] = [];
  for (const d of wanted) {
    const f = findings.find((x) => {
      if (x.code !== d.code) return false;
      const range = placeRange(x.subject, x.path, x.on);
      return !!range && sameRange(range, d.range);
    });
    if (!f) continue;
    for (const fix of fixesFor(engine, settings, f, options))
      actions.push({
        title: fix.title,
        kind: 'quickfix',
        diagnostics: [d],
        isPreferred: fix.preferred,
        edit: fix.edit.edit(options),
      });
  }
  return actions;
}
