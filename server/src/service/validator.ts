import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import type Ajv from 'ajv';
import { checkKindAndVersion } from './checks/kindAndVersion';
import { checkTopLevelKeys } from './checks/topLevelKeys';
import { ISTIO_GROUPS, type SchemaCatalog } from './schema/catalog';
import { toValidationSchema } from './schema/compile';
import { schemaFindings } from './schema/errors';
import { checkStructure } from './schema/structural';
import type { ResourceId } from './resource';
import { runRules, type RuleSet } from './rules/runRules';
import type { Finding } from './types';
import { firstContentRange, type ParsedDocument } from './yaml/parse';
import { capFindings } from './checks/caps';
import {
  bundledSchema,
  checkClusterKind,
  unsupportedFields,
  type ClusterKindCheck,
} from './schema/clusterCheck';
import type { ClusterSchemas } from './schema/clusterSchemas';
import { checkFailed } from './checks/checkFailed';

/** Appends without spreading: `push(...list)` overflows the stack for long lists. */
function pushAll<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}

export function isIstioGroup(group: string): boolean {
  return (ISTIO_GROUPS as readonly string[]).includes(group);
}

/**
 * Checks one parsed document: syntax, kind and version, top-level keys, the CRD schema with its CEL
 * rules, then Istio's semantic rules. Each kind's schema is compiled once and shared by all documents.
 */
export class Validator {
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly byGvk = new Map<string, ValidateFunction>();

  constructor(
    private readonly catalog: SchemaCatalog,
    private readonly ajv: Ajv,
    private readonly rules: RuleSet,
    private readonly log: (message: string) => void,
    /** The connected cluster's CRDs, which replace the bundled schemas when they are known. */
    readonly cluster?: ClusterSchemas,
  ) {}

  /** Changes when the schemas in use change (another cluster, or its CRDs changed). */
  get generation(): number {
    return this.cluster?.generation ?? 0;
  }

  check(parsed: ParsedDocument, id: ResourceId | undefined): Finding[] {
    if (parsed.helm) {
      return [
        {
          code: 'helm-template',
          severity: 'information',
          message:
            'This document contains template actions ({{ … }}), so it was not validated. Check the rendered output instead.',
          range: firstContentRange(parsed.text),
        },
      ];
    }
    return capFindings(this.uncapped(parsed, id), () => firstContentRange(parsed.text));
  }

  private uncapped(parsed: ParsedDocument, id: ResourceId | undefined): Finding[] {
    const findings: Finding[] = [];
    pushAll(findings, parsed.parseFindings);
    if (!id || !isIstioGroup(id.group)) return findings;
    // Each stage is guarded: one that throws becomes a finding that names it, the others still run.
    const stage = <T>(name: string, fn: () => T): T | undefined => {
      try {
        return fn();
      } catch (err) {
        this.log(
          `${name} failed on ${id.kind} ${id.name ?? ''}: ${err instanceof Error ? err.stack : String(err)}`,
        );
        findings.push(checkFailed(name, err, parsed.text));
        return undefined;
      }
    };
    const onCluster = this.cluster?.kind(id.group, id.kind);
    const cluster = this.cluster;
    const kind: ClusterKindCheck | undefined = stage('The kind and version check', (): ClusterKindCheck =>
      onCluster && cluster
        ? checkClusterKind(id, parsed, onCluster, cluster)
        : checkKindAndVersion(id, parsed, this.catalog),
    );
    if (!kind) return findings;
    const { entry, findings: kindFindings } = kind;
    const { schema: clusterSchema, validate: clusterValidate } = kind;
    pushAll(findings, kindFindings);
    if (!entry || parsed.value === undefined || parsed.value === null || typeof parsed.value !== 'object') {
      return findings;
    }
    pushAll(findings, stage('The top-level key check', () => checkTopLevelKeys(parsed)) ?? []);
    // What the API server does before validating: prune nulls, enforce list types; and where the
    // YAML 1.1 reading changed what was written. Schema and rules then see the value it keeps.
    const structural = stage('The structural schema check', () =>
      checkStructure(parsed, clusterSchema ?? this.catalog.schema(entry.group, id.version, entry.kind)),
    );
    pushAll(findings, structural?.findings ?? []);
    // Should the structural stage fail, the rest still runs on the value as read.
    const value = structural ? structural.value : (parsed.value as Record<string, unknown>);
    const explained = structural?.explained ?? new Set<string>();
    const schemaCheck = stage('The schema and CEL check', () => {
      const validate = clusterValidate ?? this.validator(entry.group, id.version, entry.kind);
      if (validate(value)) return [];
      const errors = (validate.errors ?? []).filter(
        (e) => !(e.keyword === 'type' && explained.has(e.instancePath)),
      );
      if (!clusterValidate || !cluster) return schemaFindings(errors, parsed);
      const bundled = bundledSchema(this.catalog, id);
      const unsupported = unsupportedFields(errors, parsed, bundled, cluster, this.catalog.istioVersion);
      return [...unsupported.findings, ...schemaFindings(unsupported.rest, parsed)];
    });
    pushAll(findings, schemaCheck ?? []);
    pushAll(findings, runRules(this.rules, id, value, parsed, this.log));
    return findings;
  }

  /** Compiles a kind's schema once. Versions of a kind with identical schemas share one validator. */
  validator(group: string, version: string, kind: string): ValidateFunction {
    const gvk = `${group}/${version}/${kind}`;
    const known = this.byGvk.get(gvk);
    if (known) return known;
    const raw = this.catalog.schema(group, version, kind);
    const { $id, ...rest } = raw;
    void $id;
    const key = `${group}/${kind}/${createHash('sha1').update(JSON.stringify(rest)).digest('hex')}`;
    let v = this.compiled.get(key);
    if (!v) {
      v = this.ajv.compile(toValidationSchema(rest));
      this.compiled.set(key, v);
    }
    this.byGvk.set(gvk, v);
    return v;
  }
}
