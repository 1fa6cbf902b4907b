import type { CompletionItem, Position } from 'vscode-languageserver-types';
import type { FieldDocs } from '../docs/fieldDocs';
import type { FileSnapshot } from '../documentStore';
import type { SchemaCatalog, SchemaNode } from '../schema/catalog';
import { ISTIO_GROUPS } from '../schema/catalog';
import { navigate, typeName } from '../schema/navigate';
import { isIstioGroup } from '../validator';
import { cursorContext, ITEM, type CursorContext } from '../yaml/cursor';
import { splitLines } from '../yaml/lines';
import { allowedValues, describeField } from './hover';
import { newResourceSnippet } from './newResources';
import { atResourceStart, snippetItems, type ResourceSnippet } from './resourceStart';
import { gatewayNames, referenceValues } from './referenceValues';

export interface CompletionDeps {
  catalog: SchemaCatalog;
  docs: FieldDocs;
  /** Whole-resource snippets (snippets/istio.json), offered only where a resource can start. */
  snippets?: readonly ResourceSnippet[];
}

// LSP constants, inlined to keep the engine free of the protocol package.
const KIND_PROPERTY = 10;
const KIND_VALUE = 12;
const KIND_ENUM_MEMBER = 20;
const KIND_MODULE = 9;
const KIND_CLASS = 7;
const FORMAT_SNIPPET = 2;
const KIND_SNIPPET = 15;

/** Completion at a position: keys of the map at the cursor, or values for the key being typed. */
export function complete(file: FileSnapshot, position: Position, deps: CompletionDeps): CompletionItem[] {
  const placed = file.documentAtLine(position.line);
  if (!placed) return [];
  const { chunk, state } = placed;
  const lines = splitLines(chunk.text);
  const ctx = cursorContext(lines, position.line - chunk.line, position.character);
  const id = state.id;

  if (ctx.path.length === 0) {
    if (ctx.position === 'value' && ctx.key === 'apiVersion') return apiVersionValues(deps.catalog);
    if (ctx.position === 'value' && ctx.key === 'kind') {
      // The document has no kind yet, so read the group from its apiVersion line.
      const apiVersion = /^apiVersion:\s*["']?([^\s"'#]+)/m.exec(chunk.text)?.[1] ?? '';
      return kindValues(
        deps.catalog,
        apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : undefined,
      );
    }
  }
  // Where a new resource can start (an empty document, the top level before any key, after `---`):
  // the whole-resource snippets and "New <Kind>". Nowhere else.
  const start =
    ctx.path.length === 0 &&
    ctx.position === 'key' &&
    atResourceStart(lines, position.line - chunk.line, position.character)
      ? [...newResources(deps.catalog), ...snippetItems(deps.snippets ?? [])]
      : [];
  if (!id || !isIstioGroup(id.group)) {
    // A document that has not declared itself yet: offer its top-level keys, or a whole new resource.
    if (ctx.path.length === 0 && ctx.position === 'key' && !id) return [...topLevelKeys(ctx), ...start];
    return [];
  }
  const entry = deps.catalog.find(id.group, id.kind);
  if (!entry || !entry.versions.includes(id.version)) return ctx.path.length === 0 ? topLevelKeys(ctx) : [];
  const root = deps.catalog.schema(entry.group, id.version, entry.kind);
  const nav = navigate(root, ctx.path);
  if (!nav) return [];
  if (ctx.position === 'value') {
    const field = navigate(nav.schema, [ctx.key ?? '']);
    if (!field) return [];
    const doc = deps.docs.field(entry.kind, [...nav.docPath, ...field.docPath].join('.'));
    const offset = state.parsed.lines.offset({
      line: position.line - chunk.line,
      character: position.character,
    });
    return [...valueItems(field.schema, doc?.values), ...referenceValues(file, state.parsed, offset, ctx)];
  }
  if (ctx.path.length === 0) return [...topLevelKeys(ctx), ...start];
  if (ctx.path[ctx.path.length - 1] === ITEM && !nav.schema.properties) {
    // A list of scalars: offer its values (enum members, or Gateways for `gateways`).
    const doc = deps.docs.field(entry.kind, nav.docPath.join('.'));
    const gateways = ctx.path[ctx.path.length - 2] === 'gateways' ? gatewayNames(file) : [];
    return [...valueItems(nav.schema, doc?.values), ...gateways];
  }
  return keyItems(nav.schema, nav.docPath, ctx, entry.kind, deps);
}

function keyItems(
  schema: SchemaNode,
  docPath: string[],
  ctx: CursorContext,
  kind: string,
  deps: CompletionDeps,
): CompletionItem[] {
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const where = [...docPath];
  return Object.entries(props)
    .filter(([name]) => !ctx.siblings.has(name))
    .map(([name, child]): CompletionItem => {
      const doc = deps.docs.field(kind, [...docPath, name].join('.'));
      const isRequired = required.has(name);
      return {
        label: name,
        kind: KIND_PROPERTY,
        detail: `${typeName(child)}${isRequired ? ' · required' : ''}`,
        documentation: {
          kind: 'markdown',
          value: describeField(name, child, isRequired, doc, kind, [...where, name].join('.'), deps, schema),
        },
        insertText: insertFor(name, child, ctx.column),
        insertTextFormat: FORMAT_SNIPPET,
        sortText: `${isRequired ? '0' : '1'}_${name}`,
        filterText: name,
      };
    });
}

/** `key: ` for scalars, `key:` and an indented line for objects, `key:` and a list item for lists. */
export function insertFor(name: string, schema: SchemaNode, column: number): string {
  const pad = ' '.repeat(column);
  const type = Array.isArray(schema.type) ? 'scalar' : schema.type;
  if (schema['x-kubernetes-int-or-string'] || schema.enum) return `${name}: $0`;
  if (type === 'object') return `${name}:\n${pad}  $0`;
  if (type === 'array') {
    const itemType = schema.items?.type;
    return itemType === 'object' ? `${name}:\n${pad}- $0` : `${name}:\n${pad}- $0`;
  }
  return `${name}: $0`;
}

function valueItems(schema: SchemaNode, meanings: Record<string, string> | undefined): CompletionItem[] {
  const values = allowedValues(schema, meanings ? { doc: '', values: meanings } : undefined);
  if (values.length) {
    return values.map((v, i) => ({
      label: v,
      kind: KIND_ENUM_MEMBER,
      documentation: meanings?.[v] ? { kind: 'markdown', value: meanings[v] } : undefined,
      sortText: String(i).padStart(3, '0'),
    }));
  }
  if (schema.type === 'boolean') {
    return ['true', 'false'].map((v) => ({ label: v, kind: KIND_VALUE }));
  }
  return [];
}

function newResources(catalog: SchemaCatalog): CompletionItem[] {
  return catalog.index.kinds.flatMap((entry) => {
    const snippet = newResourceSnippet(entry);
    if (!snippet) return [];
    return [
      {
        label: `New ${entry.kind}`,
        kind: KIND_SNIPPET,
        detail: `${entry.group}/${entry.storageVersion}`,
        documentation: {
          kind: 'markdown',
          value:
            '```yaml\n' + snippet.replace(/\$\{\d+[:|]([^}|]*)[^}]*\}/g, '$1').replace(/\$0/, '') + '```',
        },
        insertText: snippet,
        insertTextFormat: FORMAT_SNIPPET,
        filterText: `${entry.kind} new`,
        sortText: `9_${entry.kind}`,
      },
    ];
  });
}

function topLevelKeys(ctx: CursorContext): CompletionItem[] {
  const keys: [string, string][] = [
    ['apiVersion', 'apiVersion: $0'],
    ['kind', 'kind: $0'],
    ['metadata', 'metadata:\n  name: $1\n  namespace: $0'],
    ['spec', 'spec:\n  $0'],
  ];
  return keys
    .filter(([k]) => !ctx.siblings.has(k))
    .map(([label, insertText], i) => ({
      label,
      kind: KIND_PROPERTY,
      insertText,
      insertTextFormat: FORMAT_SNIPPET,
      sortText: String(i),
    }));
}

function apiVersionValues(catalog: SchemaCatalog): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const group of ISTIO_GROUPS) {
    const versions = new Set(catalog.kindsInGroup(group).flatMap((k) => k.versions));
    for (const v of versions) {
      const kinds = catalog
        .kindsInGroup(group)
        .filter((k) => k.versions.includes(v))
        .map((k) => k.kind);
      items.push({ label: `${group}/${v}`, kind: KIND_MODULE, detail: kinds.join(', ') });
    }
  }
  return items;
}

function kindValues(catalog: SchemaCatalog, group: string | undefined): CompletionItem[] {
  const kinds = group && isIstioGroup(group) ? catalog.kindsInGroup(group) : catalog.index.kinds;
  return kinds.map((k) => ({ label: k.kind, kind: KIND_CLASS, detail: `${k.group}/${k.storageVersion}` }));
}

export { ITEM };
