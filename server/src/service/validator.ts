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
  ) {}

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
    const findings = [...parsed.parseFindings];
    if (!id || !isIstioGroup(id.group)) return findings;
    const { entry, findings: kindFindings } = checkKindAndVersion(id, parsed, this.catalog);
    findings.push(...kindFindings);
    if (!entry || parsed.value === undefined || parsed.value === null || typeof parsed.value !== 'object') {
      return findings;
    }
    findings.push(...checkTopLevelKeys(parsed));
    // What the API server does before validating: prune nulls, enforce list types; and where the
    // YAML 1.1 reading changed what was written. Schema and rules then see the value it keeps.
    const structural = checkStructure(parsed, this.catalog.schema(entry.group, id.version, entry.kind));
    findings.push(...structural.findings);
    const validate = this.validator(entry.group, id.version, entry.kind);
    if (!validate(structural.value)) {
      const errors = (validate.errors ?? []).filter(
        (e) => !(e.keyword === 'type' && structural.explained.has(e.instancePath)),
      );
      findings.push(...schemaFindings(errors, parsed));
    }
    findings.push(...runRules(this.rules, id, structural.value, parsed, this.log));
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
