/**
 * Checks an IstioOperator file before it is handed to `istioctl install` or `manifest generate`, with
 * the project's schema (schemas/install.istio.io/v1alpha1/IstioOperator.json) and the file rules of
 * VALIDATION-RULES.md §11. Runs in the language server (`istio/checkIstioOperator`), so that the client
 * reads no YAML itself.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, isMap, isPair, isScalar, parseAllDocuments, type Document, type Node } from 'yaml';
import { PROFILES } from '../../../../shared/src/profiles';

export const ISTIO_OPERATOR_API_VERSION = 'install.istio.io/v1alpha1';
export const ISTIO_OPERATOR_KIND = 'IstioOperator';

export interface OperatorProblem {
  /** Zero-based. */
  line: number;
  message: string;
}

export interface OperatorCheck {
  /** How many IstioOperator documents the text holds. */
  documents: number;
  problems: OperatorProblem[];
  /** spec.profile of the (first) IstioOperator, if set. */
  profile?: string;
  /** spec.revision, if set. */
  revision?: string;
}

interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  anyOf?: SchemaNode[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  [k: string]: unknown;
}

/** Objects that list their properties reject other keys, unless they preserve unknown fields. */
function strictify(node: SchemaNode): SchemaNode {
  const out: SchemaNode = { ...node };
  if (node.properties) {
    out.properties = {};
    for (const [k, v] of Object.entries(node.properties)) out.properties[k] = strictify(v);
    if (node.additionalProperties === undefined && !node['x-kubernetes-preserve-unknown-fields'])
      out.additionalProperties = false;
  }
  if (node.items) out.items = strictify(node.items);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    out.additionalProperties = strictify(node.additionalProperties);
  }
  if (node['x-kubernetes-int-or-string']) {
    delete out.anyOf;
    out.type = ['integer', 'string'];
  }
  delete out.$id;
  return out;
}

const FIELD_HINTS: Record<string, string> = {
  '/spec/revision':
    'a revision is a DNS-1123 label: lower-case letters, digits and "-", at most 63 characters',
  '/spec/hub': 'the hub is an image repository such as docker.io/istio',
  '/spec/tag': 'the tag is an image tag such as 1.30.3',
  '/spec/compatibilityVersion': 'write major.minor, for example 1.28',
};

function describePath(instancePath: string): string {
  return instancePath
    ? instancePath
        .slice(1)
        .split('/')
        .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
        .join('')
        .replace(/^\./, '')
    : 'the document';
}

function splitPointer(p: string): (string | number)[] {
  if (!p) return [];
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export class IstioOperatorChecker {
  private readonly validate: ValidateFunction;

  constructor(schema: object) {
    const root = strictify(schema as SchemaNode);
    root.properties = {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      ...root.properties,
    };
    root.additionalProperties = false;
    const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
    this.validate = ajv.compile(root);
  }

  check(text: string): OperatorCheck {
    const lc = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter: lc });
    const problems: OperatorProblem[] = [];
    const lineOf = (offset: number): number => lc.linePos(offset).line - 1;
    if (!Array.isArray(docs)) {
      return { documents: 0, problems: [{ line: 0, message: 'the file is empty' }] };
    }
    const operators: Document.Parsed[] = [];
    for (const doc of docs) {
      for (const e of doc.errors)
        problems.push({ line: lineOf(e.pos[0]), message: `YAML: ${e.message.split('\n')[0]}` });
      const root = doc.contents;
      const kind: unknown = doc.get('kind');
      const apiVersion: unknown = doc.get('apiVersion');
      if (
        isMap(root) &&
        kind === ISTIO_OPERATOR_KIND &&
        typeof apiVersion === 'string' &&
        apiVersion.startsWith('install.istio.io/')
      ) {
        operators.push(doc);
      }
    }
    if (operators.length === 0) {
      problems.push({
        line: 0,
        message: `no ${ISTIO_OPERATOR_KIND} document (apiVersion ${ISTIO_OPERATOR_API_VERSION}) in this file`,
      });
      return { documents: 0, problems };
    }
    if (operators.length > 1) {
      const second = operators[1].contents?.range?.[0] ?? 0;
      problems.push({
        line: lineOf(second),
        message: `the file holds ${operators.length} IstioOperator documents; istioctl takes only one per file`,
      });
    }
    const doc = operators[0];
    const apiVersion = doc.get('apiVersion');
    if (apiVersion !== ISTIO_OPERATOR_API_VERSION) {
      problems.push({
        line: lineOf(doc.contents?.range?.[0] ?? 0),
        message: `apiVersion must be ${ISTIO_OPERATOR_API_VERSION}`,
      });
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
    if (!this.validate(value)) {
      for (const e of this.validate.errors ?? []) problems.push(this.problemOf(e, doc, lineOf));
    }
    const spec = (value.spec ?? {}) as Record<string, unknown>;
    problems.push(...this.semanticChecks(spec, doc, lineOf));
    return {
      documents: operators.length,
      problems: dedupe(problems).sort((a, b) => a.line - b.line),
      profile: typeof spec.profile === 'string' ? spec.profile : undefined,
      revision: typeof spec.revision === 'string' ? spec.revision : undefined,
    };
  }

  private problemOf(e: ErrorObject, doc: Document.Parsed, lineOf: (o: number) => number): OperatorProblem {
    const path = splitPointer(e.instancePath);
    const where = describePath(e.instancePath);
    if (e.keyword === 'additionalProperties') {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const parent = doc.getIn(path, true) as Node | undefined;
      let offset = parent?.range?.[0] ?? 0;
      if (parent && isMap(parent)) {
        const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
        offset = (pair?.key as Node | undefined)?.range?.[0] ?? offset;
      }
      const known = Object.keys(this.propertiesAt(path) ?? {});
      const hint = known.length ? ` (known fields: ${known.join(', ')})` : '';
      return {
        line: lineOf(offset),
        message: `unknown field "${key}" in ${where}: istioctl rejects it${hint}`,
      };
    }
    const node = doc.getIn(path, true) as Node | undefined;
    const line = lineOf(node?.range?.[0] ?? 0);
    const genericPath = '/' + path.map((p) => (typeof p === 'number' ? '*' : p)).join('/');
    if (e.keyword === 'pattern' || e.keyword === 'maxLength') {
      const hint =
        FIELD_HINTS[e.instancePath] ??
        (/\/(ingress|egress)Gateways\/\*\/name$/.test(genericPath)
          ? 'gateway names use a-z, 0-9, "." and "-" only'
          : `it must match ${String((e.params as { pattern?: string }).pattern ?? '')}`);
      return { line, message: `${where} is not valid: ${hint}` };
    }
    if (e.keyword === 'type') {
      return {
        line,
        message: `${where} must be ${String((e.params as { type: string | string[] }).type).replace(',', ' or ')}`,
      };
    }
    return { line, message: `${where} ${e.message ?? 'is not valid'}` };
  }

  private propertiesAt(path: (string | number)[]): Record<string, SchemaNode> | undefined {
    let node = (this.validate.schema as SchemaNode) ?? {};
    for (const p of path) {
      if (typeof p === 'number') node = node.items ?? {};
      else
        node =
          node.properties?.[p] ??
          (typeof node.additionalProperties === 'object' ? node.additionalProperties : {});
    }
    return node.properties;
  }

  /** Rules of VALIDATION-RULES.md §11 that a schema cannot say. */
  private semanticChecks(
    spec: Record<string, unknown>,
    doc: Document.Parsed,
    lineOf: (o: number) => number,
  ): OperatorProblem[] {
    const out: OperatorProblem[] = [];
    const at = (path: (string | number)[]): number =>
      lineOf((doc.getIn(path, true) as Node | undefined)?.range?.[0] ?? 0);
    const profile = spec.profile;
    if (
      typeof profile === 'string' &&
      profile &&
      !spec.installPackagePath &&
      !/[/\\]/.test(profile) &&
      !PROFILES.some((p) => p.name === profile)
    ) {
      out.push({
        line: at(['spec', 'profile']),
        message: `profile "${profile}" is not a built-in profile (${PROFILES.map((p) => p.name).join(', ')})`,
      });
    }
    const proxy = ((
      (spec.values as Record<string, unknown> | undefined)?.global as Record<string, unknown> | undefined
    )?.proxy ?? {}) as Record<string, unknown>;
    for (const key of ['includeIPRanges', 'excludeIPRanges']) {
      const v = proxy[key];
      if (typeof v === 'string' && v !== '' && v !== '*' && !v.split(',').every((c) => isCidr(c.trim()))) {
        out.push({
          line: at(['spec', 'values', 'global', 'proxy', key]),
          message: `values.global.proxy.${key} must be a comma-separated list of CIDRs, or "*"`,
        });
      }
    }
    for (const key of ['includeInboundPorts', 'excludeInboundPorts']) {
      const v = proxy[key];
      if (typeof v === 'string' && v !== '' && v !== '*' && !v.split(',').every((p) => isPort(p.trim()))) {
        out.push({
          line: at(['spec', 'values', 'global', 'proxy', key]),
          message: `values.global.proxy.${key} must be a comma-separated list of port numbers, or "*"`,
        });
      }
    }
    return out;
  }
}

function isPort(s: string): boolean {
  return /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 65535;
}

function isCidr(s: string): boolean {
  const m = /^([^/]+)\/(\d+)$/.exec(s);
  if (!m) return false;
  const bits = Number(m[2]);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(m[1])) return m[1].split('.').every((o) => Number(o) <= 255) && bits <= 32;
  return m[1].includes(':') && /^[0-9a-fA-F:.]+$/.test(m[1]) && bits <= 128;
}

function dedupe(problems: OperatorProblem[]): OperatorProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.line}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
