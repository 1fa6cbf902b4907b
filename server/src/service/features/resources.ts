import type { ResourceSummary } from '../../../../shared/src/protocol';
import type { FileSnapshot } from '../documentStore';
import type { SchemaCatalog } from '../schema/catalog';
import { isIstioGroup } from '../validator';
import { locate } from '../yaml/nodes';

export interface ResourceAt {
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
  istio: boolean;
  /** File offset of `metadata.name` (or of the document's start). */
  offset: number;
  start: number;
  end: number;
}

/** Every document of the file that declares apiVersion and kind, with where it is. */
export function fileResources(file: FileSnapshot): ResourceAt[] {
  const out: ResourceAt[] = [];
  for (const { chunk, state } of file.documents) {
    const id = state.id;
    if (!id) continue;
    const nameNode =
      id.name !== undefined ? locate(state.parsed.doc.contents, ['metadata', 'name'])?.node : undefined;
    out.push({
      apiVersion: id.apiVersion,
      kind: id.kind,
      name: id.name,
      namespace: id.namespace,
      istio: isIstioGroup(id.group),
      offset: chunk.offset + (nameNode?.range?.[0] ?? 0),
      start: chunk.offset,
      end: chunk.offset + chunk.text.length,
    });
  }
  return out;
}

/**
 * The kinds the engine knows, said the same way everywhere (the language status, the output channel;
 * the README states the same count and a unit test keeps them equal). install.istio.io is istioctl's
 * input format: IstioOperator has a hand-written schema, not a CRD of the Istio bundle.
 */
export function kindsSummary(catalog: SchemaCatalog): { crdKinds: number; text: string } {
  const crd = catalog.index.kinds.filter((k) => k.group !== 'install.istio.io');
  const extra = catalog.index.kinds.filter((k) => k.group === 'install.istio.io').map((k) => k.kind);
  return {
    crdKinds: crd.length,
    text: `${crd.length} Istio CRD kinds${extra.length ? `, plus ${extra.join(', ')}` : ''}`,
  };
}

/** The resources of a file as `istio/resources` answers: positions in the file's own line index. */
export function resourceSummaries(file: FileSnapshot): ResourceSummary[] {
  const lines = file.lines();
  return fileResources(file).map((r) => ({
    apiVersion: r.apiVersion,
    kind: r.kind,
    name: r.name,
    namespace: r.namespace,
    istio: r.istio,
    line: lines.position(r.offset).line,
    range: { start: lines.position(r.start), end: lines.position(r.end) },
  }));
}
