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

/** Reads apiVersion, kind and metadata from the AST, so it works even when other parts are broken. */
export function identify(parsed: ParsedDocument): ResourceId | undefined {
  const root = parsed.doc.contents;
  if (!isMap(root)) return undefined;
  const apiVersion = scalar(findPair(root, 'apiVersion')?.value);
  const kind = scalar(findPair(root, 'kind')?.value);
  if (apiVersion === undefined || kind === undefined) return undefined;
  const slash = apiVersion.lastIndexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const version = slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
  const metadata = findPair(root, 'metadata')?.value;
  return {
    apiVersion,
    group,
    version,
    kind,
    name: scalar(findPair(metadata, 'name')?.value),
    namespace: scalar(findPair(metadata, 'namespace')?.value),
  };
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
