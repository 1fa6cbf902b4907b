/** The `namespace:` of kustomization files, applied to the files they list. */
import { isObj, list, str } from '../rules/shared/values';

export interface Kustomization {
  /** Folder URI of the kustomization file, with a trailing slash. */
  base: string;
  namespace: string;
  /** Absolute URIs of the listed resources (files or folders). */
  resources: string[];
}

const KUSTOMIZATION_FILE = /\/(kustomization\.ya?ml|Kustomization)$/;

export function isKustomizationUri(uri: string): boolean {
  return KUSTOMIZATION_FILE.test(uri);
}

/** Reads a kustomization's namespace and resources; undefined when it sets no namespace. */
export function readKustomization(uri: string, value: unknown): Kustomization | undefined {
  if (!isObj(value)) return undefined;
  const namespace = str(value.namespace);
  if (!namespace) return undefined;
  const base = uri.slice(0, uri.lastIndexOf('/') + 1);
  const resources: string[] = [];
  for (const r of [...list(value.resources), ...list(value.bases)]) {
    if (typeof r !== 'string' || r.includes('://') || r.startsWith('/')) continue;
    try {
      resources.push(new URL(r, base).toString().replace(/\/$/, ''));
    } catch {
      // not a path
    }
  }
  return { base, namespace, resources };
}

/**
 * The namespace a kustomization gives a file: the nearest kustomization that lists the file, or a
 * folder that contains it. Kustomize applies the namespace of the outer kustomization last, so the
 * outermost listing wins.
 */
export function kustomizedNamespace(uri: string, all: readonly Kustomization[]): string | undefined {
  let best: { depth: number; ns: string } | undefined;
  for (const k of all) {
    for (const r of k.resources) {
      if (uri === r || uri.startsWith(r + '/')) {
        const depth = k.base.length;
        if (!best || depth < best.depth) best = { depth, ns: k.namespace };
      }
    }
  }
  return best?.ns;
}
