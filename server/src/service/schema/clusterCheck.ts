import type { ErrorObject, ValidateFunction } from 'ajv';
import type { CrdSummary } from '../cluster/types';
import { didYouMean } from '../didYouMean';
import { FixBuilder } from '../fixes/edits';
import type { ResourceId } from '../resource';
import type { Finding } from '../types';
import { findPair, formatPath, keyRange, locate, pointerToPath, rangeOf } from '../yaml/nodes';
import type { ParsedDocument } from '../yaml/parse';
import type { KindEntry, SchemaCatalog, SchemaNode } from './catalog';
import type { ClusterKind, ClusterSchemas } from './clusterSchemas';
import { navigate } from './navigate';

/** The outcome of checking a document's kind and version against the cluster's CRDs. */
export interface ClusterKindCheck {
  entry?: KindEntry;
  findings: Finding[];
  schema?: SchemaNode;
  validate?: ValidateFunction;
}

function entryOf(crd: CrdSummary): KindEntry {
  const served = crd.versions.filter((v) => v.served).map((v) => v.name);
  return {
    group: crd.group,
    kind: crd.crdKind,
    plural: crd.plural,
    shortNames: [],
    scope: crd.scope,
    versions: served,
    storageVersion: crd.versions.find((v) => v.storage)?.name ?? served[0] ?? '',
  };
}

/**
 * A kind the cluster does not serve, or a version of it that it does not serve, is what the API server
 * of that cluster would reject; otherwise the document is validated with the cluster's CRD schema.
 */
export function checkClusterKind(
  id: ResourceId,
  parsed: ParsedDocument,
  known: ClusterKind,
  schemas: ClusterSchemas,
): ClusterKindCheck {
  const where = schemas.label();
  if (!known.crd) {
    const range = rangeOf(findPair(parsed.doc.contents, 'kind')?.value as never);
    return {
      findings: range
        ? [
            {
              code: 'unknown-kind',
              severity: 'error',
              message: `${id.kind} (${id.group}) is not served by ${where}: no CustomResourceDefinition declares it there, so the API server rejects this resource.`,
              range,
            },
          ]
        : [],
    };
  }
  const entry = entryOf(known.crd);
  if (!entry.versions.includes(id.version)) {
    const range = rangeOf(findPair(parsed.doc.contents, 'apiVersion')?.value as never);
    const suggestion = didYouMean(id.version, entry.versions) ?? entry.storageVersion;
    const served = entry.versions.map((v) => `${entry.group}/${v}`).join(', ') || 'none';
    const target = `${entry.group}/${suggestion}`;
    return {
      findings: range
        ? [
            {
              code: 'unserved-version',
              severity: 'error',
              message: `${entry.kind} is not served at ${id.apiVersion} by ${where}. Served versions there: ${served}.`,
              range,
              data: { suggestion: target },
              fixes: suggestion
                ? [{ title: `Change to '${target}'`, preferred: true, edits: [{ range, newText: target }] }]
                : undefined,
            },
          ]
        : [],
    };
  }
  return {
    entry,
    findings: [],
    schema: schemas.schema(known.crd, id.version),
    validate: schemas.validator(known.crd, id.version),
  };
}

/** The bundled schema of the same kind, at the document's version when bundled, else at its storage version. */
export function bundledSchema(catalog: SchemaCatalog, id: ResourceId): SchemaNode | undefined {
  const entry = catalog.find(id.group, id.kind);
  if (!entry) return undefined;
  const version = entry.versions.includes(id.version) ? id.version : entry.storageVersion;
  return catalog.schema(entry.group, version, entry.kind);
}

/**
 * Fields the cluster's schema lacks but the bundled schema has: the cluster runs an Istio that does
 * not know them yet. Those errors become findings that name the cluster's version; the other errors
 * are returned for the usual conversion.
 */
export function unsupportedFields(
  errors: readonly ErrorObject[],
  parsed: ParsedDocument,
  bundled: SchemaNode | undefined,
  schemas: ClusterSchemas,
  bundledVersion: string,
): { findings: Finding[]; rest: ErrorObject[] } {
  if (!bundled) return { findings: [], rest: [...errors] };
  const findings: Finding[] = [];
  const rest: ErrorObject[] = [];
  const fix = new FixBuilder(parsed);
  const root = parsed.doc.contents;
  for (const e of errors) {
    const name =
      e.keyword === 'additionalProperties'
        ? (e.params as { additionalProperty?: string }).additionalProperty
        : undefined;
    const path = pointerToPath(e.instancePath);
    if (
      name === undefined ||
      /\/(oneOf|anyOf|not)\//.test(e.schemaPath) ||
      !navigate(bundled, [...path, name])
    ) {
      rest.push(e);
      continue;
    }
    const range = keyRange(findPair(locate(root, path)?.node, name));
    if (!range) continue;
    const remove = fix.removeField([...path, name], `Remove '${name}'`);
    findings.push({
      code: 'unknown-field',
      severity: 'error',
      message: `'${name}' in ${formatPath(path)} is not supported by ${schemas.label()}: its schema there has no such field, so the API server would drop it silently. (Istio ${bundledVersion}, bundled, has it.)`,
      range,
      data: { field: name, cluster: schemas.context },
      fixes: remove ? [remove] : undefined,
    });
  }
  return { findings, rest };
}

/** Whether a schema accepts a field path: it declares it, or an object on the way keeps unknown fields. */
export function knownTo(schema: SchemaNode, path: readonly (string | number)[]): boolean {
  for (let i = 0; i <= path.length; i++) {
    const at = navigate(schema, path.slice(0, i));
    if (!at) return false;
    if (at.schema['x-kubernetes-preserve-unknown-fields'] && i < path.length) return true;
  }
  return true;
}
