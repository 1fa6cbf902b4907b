import { isMap, isScalar } from 'yaml';
import type { ParsedDocument } from './yaml/parse';
import { findPair } from './yaml/nodes';

/** What a document declares itself to be. */
export interface ResourceId {
  apiVersion: string;
  group: string;
  version: string;
  kind: string;
  name?: string;
  namespace?: string;
}

/**
 * Reads apiVersion, kind and metadata: from the plain value when there is one, otherwise from the AST,
 * so it works even when other parts of the document are broken.
 */
export function identify(parsed: ParsedDocument): ResourceId | undefined {
  const v = parsed.value;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return undefined;
    const meta =
      o.metadata !== null && typeof o.metadata === 'object' ? (o.metadata as Record<string, unknown>) : {};
    return withGroup(o.apiVersion, o.kind, plain(meta.name), plain(meta.namespace));
  }
  if (v !== undefined) return undefined;
  const root = parsed.doc.contents;
  if (!isMap(root)) return undefined;
  const apiVersion = scalar(findPair(root, 'apiVersion')?.value);
  const kind = scalar(findPair(root, 'kind')?.value);
  if (apiVersion === undefined || kind === undefined) return undefined;
  const metadata = findPair(root, 'metadata')?.value;
  return withGroup(
    apiVersion,
    kind,
    scalar(findPair(metadata, 'name')?.value),
    scalar(findPair(metadata, 'namespace')?.value),
  );
}

function withGroup(apiVersion: string, kind: string, name?: string, namespace?: string): ResourceId {
  const slash = apiVersion.lastIndexOf('/');
  return {
    apiVersion,
    group: slash === -1 ? '' : apiVersion.slice(0, slash),
    version: slash === -1 ? apiVersion : apiVersion.slice(slash + 1),
    kind,
    name,
    namespace,
  };
}

function plain(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function scalar(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** A cheap text test: does this chunk look like it means to be an Istio resource? */
export function looksIstio(text: string): boolean {
  return /^\s*apiVersion:\s*["']?[a-z.]*istio\.io\//m.test(text);
}
