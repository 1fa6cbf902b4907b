import { didYouMean } from '../didYouMean';
import type { ResourceId } from '../resource';
import type { KindEntry, SchemaCatalog } from '../schema/catalog';
import type { Finding } from '../types';
import type { ParsedDocument } from '../yaml/parse';
import { findPair, rangeOf } from '../yaml/nodes';

/**
 * An Istio group with an unknown kind, or a known kind at a version that is not served. Returns the
 * catalog entry when the document can be schema-checked, plus any findings.
 */
export function checkKindAndVersion(
  id: ResourceId,
  parsed: ParsedDocument,
  catalog: SchemaCatalog,
): { entry?: KindEntry; findings: Finding[] } {
  const entry = catalog.find(id.group, id.kind);
  if (!entry) {
    const kinds = catalog.kindsInGroup(id.group).map((k) => k.kind);
    const suggestion = didYouMean(id.kind, kinds);
    const range = rangeOf(findPair(parsed.doc.contents, 'kind')?.value as never);
    const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
    return {
      findings: range
        ? [
            {
              code: 'unknown-kind',
              severity: 'error',
              message: `${id.group} has no kind '${id.kind}'.${hint} Kinds in this group: ${kinds.join(', ')}.`,
              range,
              data: { suggestion },
              fixes: suggestion
                ? [
                    {
                      title: `Change to '${suggestion}'`,
                      preferred: true,
                      edits: [{ range, newText: suggestion }],
                    },
                  ]
                : undefined,
            },
          ]
        : [],
    };
  }
  if (!entry.versions.includes(id.version)) {
    const suggestion = didYouMean(id.version, entry.versions) ?? entry.storageVersion;
    const range = rangeOf(findPair(parsed.doc.contents, 'apiVersion')?.value as never);
    return {
      findings: range
        ? [
            {
              code: 'unserved-version',
              severity: 'error',
              message: `${entry.kind} is not served at ${id.apiVersion}. Served versions: ${entry.versions
                .map((v) => `${entry.group}/${v}`)
                .join(', ')}. Did you mean '${entry.group}/${suggestion}'?`,
              range,
              data: { suggestion: `${entry.group}/${suggestion}` },
              fixes: [
                {
                  title: `Change to '${entry.group}/${suggestion}'`,
                  preferred: true,
                  edits: [{ range, newText: `${entry.group}/${suggestion}` }],
                },
              ],
            },
          ]
        : [],
    };
  }
  return { entry, findings: [] };
}
