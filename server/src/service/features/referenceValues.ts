import type { CompletionItem } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../documentStore';
import type { CursorContext } from '../yaml/cursor';
import { nodeAtOffset } from '../yaml/cursor';
import { locate } from '../yaml/nodes';
import type { ParsedDocument } from '../yaml/parse';

const KIND_REFERENCE = 18;

interface Defined {
  kind: string;
  name?: string;
  namespace?: string;
  value: Record<string, unknown>;
}

/** The Istio resources of the file, as plain values. */
function resources(file: FileSnapshot): Defined[] {
  const out: Defined[] = [];
  for (const { state } of file.documents) {
    const v = state.parsed.value;
    if (!state.id || !v || typeof v !== 'object') continue;
    out.push({
      kind: state.id.kind,
      name: state.id.name,
      namespace: state.id.namespace,
      value: v as Record<string, unknown>,
    });
  }
  return out;
}

const short = (host: string): string => host.split('.')[0];
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Values that other resources of the same file define, where they fit: the subsets of the
 * DestinationRule for a destination's host, hosts that DestinationRules and ServiceEntries name,
 * and the Gateways a VirtualService can bind to.
 */
export function referenceValues(
  file: FileSnapshot,
  parsed: ParsedDocument,
  offset: number,
  ctx: CursorContext,
): CompletionItem[] {
  const key = ctx.key;
  const parentKey = ctx.path.filter((p) => p !== '[]').pop();
  const all = resources(file);
  if (key === 'subset' && (parentKey === 'destination' || parentKey === 'mirror')) {
    const at = nodeAtOffset(parsed.doc.contents, offset);
    const host = at ? locate(parsed.doc.contents, [...at.path.slice(0, -1), 'host'])?.node : undefined;
    const hostValue = host && 'value' in host ? String((host as { value: unknown }).value) : undefined;
    if (!hostValue) return [];
    return all
      .filter((r) => r.kind === 'DestinationRule' && short(str(obj(r.value.spec).host)) === short(hostValue))
      .flatMap((r) =>
        list(obj(r.value.spec).subsets).map((s): CompletionItem => {
          const name = str(obj(s).name);
          return {
            label: name,
            kind: KIND_REFERENCE,
            detail: `subset of DestinationRule ${r.name ?? ''}`,
            documentation: { kind: 'markdown', value: `Labels: \`${JSON.stringify(obj(s).labels ?? {})}\`` },
          };
        }),
      )
      .filter((i) => i.label);
  }
  if (key === 'host' && (parentKey === 'destination' || parentKey === 'mirror')) {
    const hosts = new Set<string>();
    for (const r of all) {
      if (r.kind === 'DestinationRule' && typeof obj(r.value.spec).host === 'string')
        hosts.add(String(obj(r.value.spec).host));
      if (r.kind === 'ServiceEntry')
        for (const h of list(obj(r.value.spec).hosts)) if (typeof h === 'string') hosts.add(h);
    }
    return [...hosts].map((h) => ({ label: h, kind: KIND_REFERENCE, detail: 'host defined in this file' }));
  }
  return [];
}

/** Gateway names for a VirtualService's `gateways` list. */
export function gatewayNames(file: FileSnapshot): CompletionItem[] {
  return resources(file)
    .filter((r) => r.kind === 'Gateway' && r.name)
    .map((r) => ({
      label: r.namespace ? `${r.namespace}/${r.name!}` : r.name!,
      kind: KIND_REFERENCE,
      detail: 'Gateway in this file',
    }));
}
