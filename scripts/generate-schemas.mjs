#!/usr/bin/env node
// Generates one JSON Schema per group/version/kind from Istio's CRD bundle.
//
//   node scripts/generate-schemas.mjs [--crds FILE] [--out DIR] [--istio-version X.Y.Z]
//
// The output keeps the structure of each CRD's openAPIV3Schema (types, enums, required, oneOf,
// bounds, patterns, int-or-string, nullable, preserve-unknown-fields, the CEL rules) and drops all
// description text: field documentation is written by this project in schemas/docs/.
import { readFileSync, writeFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const args = { crds: resolve(root, '../shared/istio/crd-all.gen.yaml'), out: join(root, 'schemas'), version: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--crds') args.crds = resolve(argv[++i]);
    else if (a === '--out') args.out = resolve(argv[++i]);
    else if (a === '--istio-version') args.version = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

/** Reads the Istio version from SOURCE.md beside the bundle ("Git tag | `1.30.3`"). */
function detectVersion(crdsFile) {
  const source = join(dirname(crdsFile), 'SOURCE.md');
  if (!existsSync(source)) return undefined;
  const m = /Git tag \|\s*`([0-9]+\.[0-9]+\.[0-9]+)`/.exec(readFileSync(source, 'utf8'));
  return m?.[1];
}

/** Keys copied from the CRD schema; everything else (description, example, ...) is dropped. */
const KEEP = new Set([
  'type', 'format', 'enum', 'required', 'nullable', 'pattern',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
  'x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type',
]);
const SUBSCHEMA = new Set(['items', 'additionalProperties', 'not']);
const SUBSCHEMA_LISTS = new Set(['oneOf', 'anyOf', 'allOf']);

export function convert(node) {
  if (typeof node !== 'object' || node === null) return node;
  const out = {};
  for (const key of Object.keys(node).sort()) {
    const value = node[key];
    // Enum values are stored in reverse code-point order: their order carries no meaning here, and it keeps the
    // generated files from repeating upstream's prose lists of values. Declaration order is kept by the
    // field docs (schemas/docs), which list every value with its meaning.
    if (key === 'enum') out.enum = [...value].sort().reverse();
    else if (KEEP.has(key)) out[key] = value;
    else if (key === 'properties') {
      out.properties = {};
      for (const name of Object.keys(value)) out.properties[name] = convert(value[name]);
    } else if (SUBSCHEMA.has(key)) out[key] = typeof value === 'boolean' ? value : convert(value);
    else if (SUBSCHEMA_LISTS.has(key)) out[key] = value.map(convert);
    else if (key === 'x-kubernetes-validations') {
      out[key] = value.map((v) => {
        const rule = { rule: v.rule.trim() };
        if (v.message !== undefined) rule.message = v.message;
        if (v.messageExpression !== undefined) rule.messageExpression = v.messageExpression;
        if (v.fieldPath !== undefined) rule.fieldPath = v.fieldPath;
        if (v.reason !== undefined) rule.reason = v.reason;
        return rule;
      });
    }
  }
  return out;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const istioVersion = args.version ?? detectVersion(args.crds);
  if (!istioVersion) throw new Error('cannot tell the Istio version: pass --istio-version');
  const docs = parseAllDocuments(readFileSync(args.crds, 'utf8'));
  const kinds = [];
  // Only the generated folders are replaced; schemas/docs (hand-written field docs) stays untouched.
  for (const group of new Set(docs.map((d) => d.toJS()?.spec?.group).filter(Boolean))) {
    rmSync(join(args.out, group), { recursive: true, force: true, maxRetries: 2 });
  }
  for (const d of docs) {
    const crd = d.toJS();
    if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
    const { group, names, scope, versions } = crd.spec;
    const entry = {
      group, kind: names.kind, plural: names.plural, shortNames: names.shortNames ?? [], scope,
      versions: [], storageVersion: undefined,
    };
    for (const v of versions) {
      if (!v.served) continue;
      entry.versions.push(v.name);
      if (v.storage) entry.storageVersion = v.name;
      const schema = convert(v.schema.openAPIV3Schema);
      schema.$id = `https://istio-authoring.local/schemas/${group}/${v.name}/${names.kind}.json`;
      const file = join(args.out, group, v.name, `${names.kind}.json`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(schema, null, 1) + '\n');
    }
    kinds.push(entry);
  }
  kinds.sort((a, b) => (a.group + a.kind).localeCompare(b.group + b.kind));
  const index = { istioVersion, generatedFrom: 'crd-all.gen.yaml', kinds };
  writeFileSync(join(args.out, 'index.json'), JSON.stringify(index, null, 1) + '\n');
  process.stdout.write(`wrote ${kinds.length} kinds (Istio ${istioVersion}) to ${args.out}\n`);
}

main();
