import { isAlias, isCollection, isPair, isScalar, type Alias, type Document, type Node } from 'yaml';
import type { Finding } from '../types';

/**
 * The first alias that refers to a node containing it (`&s {labels: *s}`, or `<<: *m` inside `&m`),
 * which would make the value cyclic; undefined when there is none. One walk in document order: an
 * alias refers to the nearest anchor of its name before it, and since anchors come before their
 * aliases, a cycle needs an alias inside its own anchored node. Iterative, linear in the tree.
 */
export function cyclicAlias(doc: Document.Parsed): Alias | undefined {
  const anchors = new Map<string, Node>();
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      const at = node.range?.[0];
      if (target?.range && at !== undefined && target.range[0] <= at && at < target.range[1]) return node;
      continue;
    }
    if (isPair(node)) {
      // Value after key: pushed first, popped last.
      stack.push(node.value, node.key);
      continue;
    }
    if (isScalar(node) || isCollection(node)) {
      if (node.anchor) anchors.set(node.anchor, node);
      if (isCollection(node)) {
        const items = node.items as unknown[];
        for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
      }
    }
  }
  return undefined;
}

export function cyclic(alias: Alias): Finding {
  const start = alias.range?.[0] ?? 0;
  return {
    code: 'yaml-cyclic-alias',
    severity: 'error',
    message: `The alias *${alias.source} refers to the node that contains it, so the value would be infinite; this document was not checked further. Write the value out, or point the alias at a node outside &${alias.source}.`,
    range: { start, end: Math.max(alias.range?.[1] ?? start + 1, start + 1) },
  };
}
