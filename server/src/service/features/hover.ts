import type { Hover, Position } from 'vscode-languageserver-types';
import { isScalar } from 'yaml';
import type { FieldDoc, FieldDocs } from '../docs/fieldDocs';
import type { FileSnapshot } from '../documentStore';
import { referenceUrl, type SchemaCatalog, type SchemaNode } from '../schema/catalog';
import { constraintsOf, exclusiveWith, navigate, typeName } from '../schema/navigate';
import { knownTo } from '../schema/clusterCheck';
import { formatPath } from '../yaml/nodes';
import { nodeAtOffset } from '../yaml/cursor';
import { isIstioGroup } from '../validator';
import type { Finding } from '../types';
import type { ClusterSchemas } from '../schema/clusterSchemas';

export interface HoverDeps {
  catalog: SchemaCatalog;
  docs: FieldDocs;
  /** The connected cluster's schemas, when validation uses them. */
  cluster?: ClusterSchemas;
  /** Findings of the document, for explanations of diagnostics under the cursor. */
  findings(state: FileSnapshot['documents'][number]['state']): Finding[];
  explain(code: string): { title: string; explanation: string } | undefined;
  /** Where a code is explained (docs/rules.md), if anywhere. */
  codeLink?(code: string): string | undefined;
}

/** The command behind the "Quick Fix…" link of a diagnostic hover (the client trusts only it). */
export const QUICK_FIX_COMMAND = 'editor.action.quickFix';

/** The first paragraph of a markdown text. */
export function firstParagraph(text: string): string {
  return text.split(/\n\s*\n/)[0].trim();
}

/** Hover over a key, an enum value, apiVersion/kind, or a diagnostic. */
export function hover(file: FileSnapshot, position: Position, deps: HoverDeps): Hover | null {
  const placed = file.documentAtLine(position.line);
  if (!placed) return null;
  const { state, chunk } = placed;
  const id = state.id;
  if (!id || !isIstioGroup(id.group) || state.parsed.helm) return null;
  const offset = state.parsed.lines.offset({
    line: position.line - chunk.line,
    character: position.character,
  });
  const sections: string[] = [];

  // On a diagnostic, what matters comes first: the code with its link, the quick fixes, a short
  // explanation. VS Code shows the message above this and its own "Quick Fix…" at the very bottom,
  // below everything: so the field docs that follow are cut to their first paragraph, and the full
  // docs stay one hover away, on the key.
  const onDiagnostic = deps.findings(state).filter((f) => offset >= f.range.start && offset <= f.range.end);
  for (const f of onDiagnostic) {
    const e = deps.explain(f.code);
    const link = deps.codeLink?.(f.code);
    const head = [
      `**${e?.title ?? f.code}** · ${link ? `[\`${f.code}\`](${link})` : `\`${f.code}\``}`,
      ...(f.fixes?.length ? [`[Quick Fix…](command:${QUICK_FIX_COMMAND})`] : []),
    ].join(' · ');
    sections.push(e ? `${head}\n\n${firstParagraph(e.explanation)}` : head);
  }
  const diagnosticCount = sections.length;

  const at = nodeAtOffset(state.parsed.doc.contents, offset);
  const entry = deps.catalog.find(id.group, id.kind);
  if (at && entry) {
    const top = at.path[0];
    if (at.path.length === 1 && (top === 'apiVersion' || top === 'kind')) {
      const kindDocs = deps.docs.kind(entry.kind);
      sections.unshift(
        [
          `**${entry.kind}** · \`${entry.group}\``,
          kindDocs?.summary ?? '',
          `Served versions: ${entry.versions.map((v) => `\`${entry.group}/${v}\`${v === entry.storageVersion ? ' (storage)' : ''}`).join(', ')}`,
          schemaSource(deps, entry),
        ]
          .filter(Boolean)
          .join('\n\n'),
      );
    } else if (entry.versions.includes(id.version)) {
      const schema = deps.catalog.schema(entry.group, id.version, entry.kind);
      const field = fieldHover(schema, at.path, at.on, at.node, entry.kind, deps);
      const source = field ? docsSource(deps, id, at.path) : undefined;
      if (field && diagnosticCount) sections.push(shortField(field, at.path));
      else if (field) sections.unshift(source ? `${field}\n\n${source}` : field);
    }
  }
  if (!sections.length) return null;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } };
}

/** Which Istio version the docs describe, and which schemas validation uses. */
function schemaSource(deps: HoverDeps, entry: { group: string; kind: string }): string {
  const link = `[Reference](${referenceUrl(entry)})`;
  if (!deps.cluster?.context)
    return `Docs and schemas of Istio ${deps.catalog.istioVersion} (bundled) · ${link}`;
  return `Docs of Istio ${deps.catalog.istioVersion} (bundled) · validated with the CRDs of ${deps.cluster.label()} · ${link}`;
}

/** The docs' version under a field, and a warning when the cluster's schema lacks the field. */
function docsSource(
  deps: HoverDeps,
  id: { group: string; kind: string; version: string },
  path: (string | number)[],
): string | undefined {
  const cluster = deps.cluster;
  if (!cluster?.context) return undefined;
  const crd = cluster.kind(id.group, id.kind)?.crd;
  const schema = crd && cluster.schema(crd, id.version);
  const fieldPath = typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path;
  if (schema && !knownTo(schema, fieldPath))
    return `_Docs of Istio ${deps.catalog.istioVersion} (bundled). This field is **not supported by ${cluster.label()}**._`;
  return `_Docs of Istio ${deps.catalog.istioVersion} (bundled); validated with the CRDs of ${cluster.label()}._`;
}

/**
 * A hover with the summary of a reference's target (see workspace/referenceHover.ts) first, then the
 * hover of the field and any diagnostics.
 */
export function withReference(base: Hover | null, reference: string | undefined): Hover | null {
  if (!reference) return base;
  const rest =
    base && typeof base.contents === 'object' && 'kind' in base.contents ? base.contents.value : '';
  return { contents: { kind: 'markdown', value: rest ? `${reference}\n\n---\n\n${rest}` : reference } };
}

function fieldHover(
  root: SchemaNode,
  path: (string | number)[],
  on: 'key' | 'value',
  node: unknown,
  kind: string,
  deps: HoverDeps,
): string | undefined {
  // Hovering a list item (a number at the end) describes the list.
  const fieldPath = typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path;
  const name = fieldPath[fieldPath.length - 1];
  if (name === undefined || typeof name === 'number') return undefined;
  const nav = navigate(root, fieldPath);
  if (!nav) return undefined;
  const doc = deps.docs.field(kind, nav.docPath.join('.'));
  const valueText = on === 'value' && isScalar(node) ? String(node.value) : undefined;
  if (valueText !== undefined && doc?.values?.[valueText]) {
    return `**${valueText}** · value of \`${name}\`\n\n${doc.values[valueText]}`;
  }
  return describeField(
    name,
    nav.schema,
    nav.required,
    doc,
    kind,
    formatPath(fieldPath),
    deps,
    parentOf(root, fieldPath),
  );
}

/** A field's hover cut to its title, path and first paragraph of docs, for a diagnostic hover. */
function shortField(full: string, path: (string | number)[]): string {
  const [title, where, docs] = full.split('\n\n');
  const key = [...path].reverse().find((p) => typeof p === 'string');
  const more = key ? `_Hover \`${key}\` for its full documentation._` : '';
  return [title, where, docs && !docs.startsWith('**') ? firstParagraph(docs) : '', more]
    .filter(Boolean)
    .join('\n\n');
}

function parentOf(root: SchemaNode, path: (string | number)[]): SchemaNode | undefined {
  return navigate(root, path.slice(0, -1))?.schema;
}

/** Markdown for one field, shared by hover and completion. */
export function describeField(
  name: string,
  schema: SchemaNode,
  required: boolean,
  doc: FieldDoc | undefined,
  kind: string,
  where: string,
  deps: Pick<HoverDeps, 'docs'>,
  parent?: SchemaNode,
): string {
  const lines: string[] = [];
  lines.push(`**${name}** · \`${typeName(schema)}\` · ${required ? 'required' : 'optional'}`);
  lines.push(`\`${where.replace(/\[\d+\]/g, '[]')}\``);
  if (doc?.doc) lines.push(doc.doc);
  if (doc?.unset) lines.push(`**When unset:** ${doc.unset}`);
  if (doc?.format) lines.push(`**Format:** ${doc.format}`);
  const values = allowedValues(schema, doc);
  if (values.length) {
    lines.push(
      '**Allowed values:**\n' +
        values.map((v) => `- \`${v}\`${doc?.values?.[v] ? ` — ${doc.values[v]}` : ''}`).join('\n'),
    );
  }
  lines.push(...defaults(schema, doc));
  const constraints = [...(doc?.constraints ?? [])];
  if (!doc?.constraints?.length) constraints.push(...constraintsOf(schema));
  const exclusive = parent ? exclusiveWith(parent, name) : [];
  if (exclusive.length && !constraints.some((c) => exclusive.some((x) => c.includes(x)))) {
    constraints.push(`Cannot be combined with ${exclusive.map((x) => `\`${x}\``).join(', ')}.`);
  }
  if (constraints.length) lines.push('**Constraints:**\n' + constraints.map((c) => `- ${c}`).join('\n'));
  if (doc?.example) lines.push('**Example:**\n```yaml\n' + doc.example.replace(/\n+$/, '') + '\n```');
  const link = deps.docs.link(kind, doc);
  if (link) lines.push(`[Istio reference](${link})`);
  return lines.join('\n\n');
}

/**
 * What a field gets when it is left out. The API server applies a structural-schema `default` when
 * it stores the object; the 1.30 CRD bundle has none, so the hover says so for every field. Istio's
 * own default (from the field docs) is what istiod or the proxy uses at run time for an unset field,
 * and is labelled as such: it never appears in the stored object.
 */
export function defaults(schema: SchemaNode, doc: FieldDoc | undefined): string[] {
  const server = schema.default;
  const out = [
    server === undefined
      ? '**API server default:** none. The API server stores the object without this field when it is left out.'
      : `**API server default:** \`${JSON.stringify(server)}\`. The API server stores this value when the field is left out.`,
  ];
  if (doc?.default) {
    out.push(
      server === undefined
        ? `**Istio's default:** ${doc.default}. Istio uses it at run time when the field is unset; it is not written into the object.`
        : `**Istio's default:** ${doc.default}. Istio uses it at run time when the field is unset.`,
    );
  }
  return out;
}

/** Enum values in the docs' (declaration) order, falling back to the schema's values sorted. */
export function allowedValues(schema: SchemaNode, doc: FieldDoc | undefined): string[] {
  const fromSchema = (schema.enum ?? []).map(String);
  if (!fromSchema.length) return [];
  const ordered = Object.keys(doc?.values ?? {}).filter((v) => fromSchema.includes(v));
  return [...ordered, ...fromSchema.filter((v) => !ordered.includes(v)).sort()];
}
