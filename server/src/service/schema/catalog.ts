import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import generatedIndex from '../../../../schemas/index.json';

/** One Istio kind as recorded in schemas/index.json by scripts/generate-schemas.mjs. */
export interface KindEntry {
  group: string;
  kind: string;
  plural: string;
  shortNames: string[];
  scope: string;
  versions: string[];
  storageVersion: string;
}

export interface CatalogIndex {
  istioVersion: string;
  kinds: KindEntry[];
}

/** A JSON Schema node as generated (structure only). */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  required?: string[];
  enum?: unknown[];
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  not?: SchemaNode;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  maxProperties?: number;
  nullable?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-validations'?: { rule: string; message?: string }[];
  [key: string]: unknown;
}

/** The API groups whose documents the engine validates. Everything else is left alone. */
export const ISTIO_GROUPS = [
  'networking.istio.io',
  'security.istio.io',
  'telemetry.istio.io',
  'extensions.istio.io',
  // IstioOperator: an istioctl input file, validated with a schema written in this project.
  'install.istio.io',
] as const;

/** The API groups Istio's validating webhook covers (VALIDATION-RULES.md §0.2). */
const WEBHOOK_GROUPS: readonly string[] = ISTIO_GROUPS.filter((g) => g !== 'install.istio.io');

/**
 * Every kind Istio's validating webhook checks: the generated kinds of the webhook's groups, taken
 * from schemas/index.json at build time. Rules that VALIDATION-RULES.md applies "to every kind" use it.
 */
export const WEBHOOK_KINDS: readonly string[] = [
  ...new Set(
    (generatedIndex as CatalogIndex).kinds.filter((k) => WEBHOOK_GROUPS.includes(k.group)).map((k) => k.kind),
  ),
];

/**
 * Reads the generated schemas from disk. Each file is read at most once; the catalog is created once
 * per engine and passed around, never kept in a module global.
 */
export class SchemaCatalog {
  readonly index: CatalogIndex;
  private readonly raw = new Map<string, SchemaNode>();

  constructor(private readonly dir: string) {
    const generated = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as CatalogIndex;
    const extra = join(dir, 'handwritten.json');
    const handwritten = existsSync(extra)
      ? (JSON.parse(readFileSync(extra, 'utf8')) as { kinds: KindEntry[] }).kinds
      : [];
    this.index = { ...generated, kinds: [...generated.kinds, ...handwritten] };
  }

  get istioVersion(): string {
    return this.index.istioVersion;
  }

  kindsInGroup(group: string): KindEntry[] {
    return this.index.kinds.filter((k) => k.group === group);
  }

  find(group: string, kind: string): KindEntry | undefined {
    return this.index.kinds.find((k) => k.group === group && k.kind === kind);
  }

  /** The generated schema of a served group/version/kind. */
  schema(group: string, version: string, kind: string): SchemaNode {
    const key = `${group}/${version}/${kind}`;
    let s = this.raw.get(key);
    if (!s) {
      s = JSON.parse(readFileSync(join(this.dir, group, version, `${kind}.json`), 'utf8')) as SchemaNode;
      this.raw.set(key, s);
    }
    return s;
  }
}

/**
 * Finds the generated schemas from the directory of the running bundle: `schemas/` beside `dist/`
 * (the packaged extension and the CLI), or at the repository root when run from source.
 */
export function findSchemasDir(fromDir: string): string {
  for (const dir of [join(fromDir, '..', 'schemas'), join(fromDir, '..', '..', '..', 'schemas')]) {
    if (existsSync(join(dir, 'index.json'))) return dir;
  }
  throw new Error(`cannot find schemas/index.json near ${fromDir}`);
}

/** The docs channel of istio.io that the reference links point at. */
const DOCS_CHANNEL = 'latest';
/** Base of istio.io's configuration reference. */
export const ISTIO_REFERENCE = `https://istio.io/${DOCS_CHANNEL}/docs/reference/config/`;

/** Link to the kind's page in the istio.io reference. */
export function referenceUrl(entry: Pick<KindEntry, 'group' | 'kind'>): string {
  const page: Record<string, string> = {
    VirtualService: 'networking/virtual-service',
    DestinationRule: 'networking/destination-rule',
    Gateway: 'networking/gateway',
    ServiceEntry: 'networking/service-entry',
    Sidecar: 'networking/sidecar',
    WorkloadEntry: 'networking/workload-entry',
    WorkloadGroup: 'networking/workload-group',
    EnvoyFilter: 'networking/envoy-filter',
    ProxyConfig: 'networking/proxy-config',
    AuthorizationPolicy: 'security/authorization-policy',
    PeerAuthentication: 'security/peer_authentication',
    RequestAuthentication: 'security/request_authentication',
    Telemetry: 'telemetry',
    WasmPlugin: 'extensions/wasm-plugin',
    TrafficExtension: 'extensions/traffic-extension',
    IstioOperator: 'istio-operator',
  };
  return `${ISTIO_REFERENCE}${page[entry.kind] ?? ''}/`;
}
