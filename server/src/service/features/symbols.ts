import type { DocumentSymbol } from 'vscode-languageserver-types';
import { isMap, isPair, isScalar, type Node } from 'yaml';
import type { FileSnapshot } from '../documentStore';
import { isIstioGroup } from '../validator';
import { findPair } from '../yaml/nodes';

const SYMBOL_CLASS = 5;
const SYMBOL_FIELD = 8;

/** One symbol per Istio resource ("VirtualService reviews"), with the spec's top-level fields inside. */
export function documentSymbols(file: FileSnapshot): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const { chunk, state } of file.documents) {
    const id = state.id;
    if (!id || !isIstioGroup(id.group)) continue;
    const root = state.parsed.doc.contents as Node | null;
    if (!root?.range) continue;
    const lines = state.parsed.lines;
    const at = (offset: number) => {
      const p = lines.position(offset);
      return { line: p.line + chunk.line, character: p.character };
    };
    const range = { start: at(root.range[0]), end: at(root.range[1]) };
    const nameNode = (findPair(findPair(root, 'metadata')?.value, 'name')?.value ??
      findPair(root, 'kind')?.value) as Node | undefined;
    const selectionRange = nameNode?.range
      ? { start: at(nameNode.range[0]), end: at(nameNode.range[1]) }
      : range;
    const children: DocumentSymbol[] = [];
    const spec = findPair(root, 'spec')?.value;
    if (isMap(spec)) {
      for (const item of spec.items) {
        if (!isPair(item) || !isScalar(item.key) || !item.key.range) continue;
        const end = (item.value as Node | null)?.range?.[1] ?? item.key.range[1];
        const r = { start: at(item.key.range[0]), end: at(end) };
        children.push({
          name: String(item.key.value),
          kind: SYMBOL_FIELD,
          range: r,
          selectionRange: { start: r.start, end: at(item.key.range[1]) },
        });
      }
    }
    out.push({
      name: `${id.kind} ${id.name ?? '(unnamed)'}`,
      detail: id.namespace ? `${id.apiVersion} · ${id.namespace}` : id.apiVersion,
      kind: SYMBOL_CLASS,
      range,
      selectionRange,
      children,
    });
  }
  return out;
}
