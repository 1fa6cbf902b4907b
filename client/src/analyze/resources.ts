/**
 * Which workspace files are Kubernetes manifests, and where each resource in them starts. The YAML is
 * read by the language server (`istio/resources`); this file only tests texts with two regular
 * expressions (no parsing) and turns the server's answer into locations. Pure; no `vscode` import.
 */
import type { ResourceSummary } from '../../../shared/src/protocol';

export interface ResourceLocation {
  file: string;
  kind: string;
  name: string;
  namespace?: string;
  /** Zero-based line of `metadata.name` (or of the document start). */
  line: number;
}

const API_VERSION_LINE = /^apiVersion:[ \t]*\S/m;
const KIND_LINE = /^kind:[ \t]*\S/m;

/** True when the text has a top-level `apiVersion:` and `kind:`: something istioctl analyze can read. */
export function looksLikeManifest(text: string): boolean {
  return API_VERSION_LINE.test(text) && KIND_LINE.test(text);
}

/** True when the text holds an Istio resource (`apiVersion: <group>.istio.io/…`). */
export function looksLikeIstio(text: string): boolean {
  return /^apiVersion:[ \t]*["']?[a-z.]*istio\.io\//m.test(text);
}

/** The named resources of one file, from the server's `istio/resources` answer. */
export function resourceLocations(file: string, resources: readonly ResourceSummary[]): ResourceLocation[] {
  return resources
    .filter((r) => typeof r.name === 'string')
    .map((r) => ({ file, kind: r.kind, name: r.name!, namespace: r.namespace, line: r.line }));
}
