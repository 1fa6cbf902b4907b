/**
 * Which workspace files are Kubernetes manifests, and where each resource in them starts. Pure; no
 * `vscode` import.
 */
import { LineCounter, isMap, isScalar, parseAllDocuments } from 'yaml';

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

/** Every resource in a YAML file with its kind, name, namespace and line. Unparseable documents are skipped. */
export function indexResources(file: string, text: string): ResourceLocation[] {
  const lc = new LineCounter();
  const out: ResourceLocation[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, keepSourceTokens: false });
  } catch {
    return out;
  }
  if (!Array.isArray(docs)) return out;
  for (const doc of docs) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    const kind = root.get('kind');
    const meta = root.get('metadata', true);
    if (typeof kind !== 'string' || !isMap(meta)) continue;
    const nameNode = meta.get('name', true);
    if (!isScalar(nameNode) || typeof nameNode.value !== 'string') continue;
    const ns = meta.get('namespace');
    const offset = nameNode.range?.[0] ?? root.range?.[0] ?? 0;
    out.push({
      file,
      kind,
      name: nameNode.value,
      namespace: typeof ns === 'string' ? ns : undefined,
      line: lc.linePos(offset).line - 1,
    });
  }
  return out;
}
