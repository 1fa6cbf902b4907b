/**
 * exportTo lists (VirtualService, DestinationRule, ServiceEntry), checked like Istio's validateExportTo.
 * The namespace is the object's metadata.namespace; when the document does not state it, checks that
 * depend on it are skipped.
 */
import { isDns1123Label } from './hostnames';

export interface ExportToOptions {
  /** The object's namespace, when known. */
  namespace?: string;
  /** ServiceEntry may export to `~` (nobody), on its own. */
  serviceEntry?: boolean;
  /** A DestinationRule with a workloadSelector may only export to its own namespace. */
  destinationRuleWithSelector?: boolean;
}

export interface ExportToProblem {
  /** The offending entry, or undefined for a problem of the whole list. */
  index?: number;
  /** The earlier entry this one repeats. */
  duplicateOf?: number;
  /** 'selector' problems come from the DestinationRule workloadSelector restriction. */
  kind: 'entry' | 'duplicate' | 'public-mixed' | 'none-mixed' | 'selector';
  message: string;
}

const SELF = '\u0000self';

function entryError(key: string, namespace: string | undefined): string | undefined {
  if (key === '.' || key === '*' || key === SELF || key === namespace) return undefined;
  if (key === '~')
    return 'exportTo "~" (none) is not allowed for Istio configuration objects (only a ServiceEntry may use it)';
  if (!isDns1123Label(key)) return `"${key}" is not a valid exportTo entry: use ".", "*" or a namespace name`;
  return undefined;
}

/** Every problem of an exportTo list (non-string entries are left to the schema). */
export function exportToProblems(exportTo: unknown, o: ExportToOptions = {}): ExportToProblem[] {
  if (!Array.isArray(exportTo) || exportTo.length === 0) return [];
  const out: ExportToProblem[] = [];
  const seen = new Map<string, number>();
  exportTo.forEach((e, index) => {
    if (typeof e !== 'string') return;
    const key = e === '.' ? (o.namespace ?? SELF) : e;
    const first = seen.get(key);
    if (first !== undefined) {
      const message =
        exportTo[first] === e
          ? `duplicate exportTo entry "${e}"`
          : `duplicate exportTo entry: "." and the object's own namespace "${o.namespace ?? ''}" are the same`;
      out.push({ index, duplicateOf: first, kind: 'duplicate', message });
      return;
    }
    if (o.serviceEntry && e === '~') {
      seen.set(key, index);
      return;
    }
    const err = entryError(key, o.namespace);
    if (err) out.push({ index, kind: 'entry', message: err });
    else seen.set(key, index);
  });

  if (o.destinationRuleWithSelector && seen.size > 0) {
    const self = o.namespace ?? SELF;
    if (seen.has(self)) {
      if (seen.size > 1) {
        out.push({
          kind: 'selector',
          message:
            'a DestinationRule with a workloadSelector cannot have more than one exportTo entry; it may only be exported to its own namespace',
        });
      }
    } else if (o.namespace !== undefined || seen.has('*')) {
      const beyond = [...seen.keys()].find((k) => k !== self) ?? '';
      out.push({
        index: seen.get(beyond),
        kind: 'selector',
        message:
          'a DestinationRule with a workloadSelector cannot be exported beyond its own namespace; use exportTo: ["."]',
      });
    }
  }
  if (seen.has('*') && exportTo.length > 1) {
    out.push({
      index: seen.get('*'),
      kind: 'public-mixed',
      message:
        'exportTo cannot combine "*" (public) with other entries; "*" already exports to every namespace',
    });
  }
  if (seen.has('~') && exportTo.length > 1) {
    out.push({
      index: seen.get('~'),
      kind: 'none-mixed',
      message: 'exportTo "~" (nobody) cannot be combined with other entries',
    });
  }
  return out;
}
