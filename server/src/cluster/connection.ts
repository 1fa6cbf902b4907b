import type {
  ClusterContexts,
  ClusterSettings,
  ClusterState,
  ClusterStatus,
} from '../../../shared/src/protocol';
import { DEFAULT_CLUSTER_SETTINGS } from '../../../shared/src/protocol';
import { ClusterStore } from '../service/cluster/store';
import { Backoff, sleep } from './backoff';
import { ExecPluginError } from './exec';
import { ApiError, getJson, isNetworkFailure } from './http';
import {
  KubeconfigError,
  kubeconfigPaths,
  loadKubeconfig,
  resolveContext,
  type MergedKubeconfig,
} from './kubeconfig';
import { Redactor } from './redact';
import { Reflector, type ReflectorOutcome } from './reflector';
import { BASE_RESOURCES, GATEWAY_API, crdResource, type ResourceDef } from './resources';
import { buildTransport, displayServer, type BuiltTransport } from './transport';

/** Everything that decides whether and where to connect. */
export interface ConnectionInputs {
  settings: ClusterSettings;
  trusted: boolean;
  /** Chosen by the user (command) or `--context` (CLI); undefined: current-context. */
  context?: string;
  disconnected: boolean;
  /** `--kubeconfig` (CLI): read this file alone. */
  kubeconfig?: string;
}

export interface ConnectionOptions {
  log(message: string): void;
  onStatus?(status: ClusterStatus): void;
  env?: { KUBECONFIG?: string; home?: string };
  /** Per request, until the response headers arrive. At most 5 s. */
  timeoutMs?: number;
  execTimeoutMs?: number;
  backoff?: () => Backoff;
  watchSeconds?: () => number;
  pageSize?: number;
}

/**
 * The language server's (and the CLI's) one connection to a cluster. It decides from trust, settings
 * and the kubeconfig whether to connect, runs one reflector per kind into `store`, and sums their
 * outcomes up into one `ClusterStatus`, sent only when it changes: a fault is one status line, not a
 * stream of notifications. Every message passes the redactor.
 */
export class ClusterConnection {
  readonly store = new ClusterStore();
  readonly redactor = new Redactor();
  private inputs: ConnectionInputs = {
    settings: DEFAULT_CLUSTER_SETTINGS,
    trusted: false,
    disconnected: false,
  };
  private generation = 0;
  private abort = new AbortController();
  private reflectors = new Map<string, Reflector>();
  private outcomes = new Map<string, ReflectorOutcome>();
  private transportP: Promise<BuiltTransport> | undefined;
  private transportAt = 0;
  private current: ClusterStatus = { state: 'disabled', message: 'not started' };
  private sentKey = '';
  private lastSync: number | undefined;
  private base: { context?: string; server?: string; kubernetesVersion?: string } = {};
  private firstRound: { pending: Set<string>; resolve: () => void } | undefined;
  private readonly timeoutMs: number;

  constructor(private readonly opts: ConnectionOptions) {
    this.timeoutMs = Math.min(opts.timeoutMs ?? 5000, 5000);
    this.store.onDidChange(() => {
      if (this.current.state === 'connected' || this.current.state === 'forbidden') {
        this.lastSync = Date.now();
        this.refreshStatus();
      }
    });
  }

  get status(): ClusterStatus {
    return this.current;
  }

  /** Applies new inputs; reconnects only when something that decides the connection changed. */
  update(next: Partial<ConnectionInputs>): void {
    const before = JSON.stringify(this.inputs);
    this.inputs = { ...this.inputs, ...next };
    if (JSON.stringify(this.inputs) !== before || this.generation === 0) this.restart();
  }

  reconnect(): void {
    this.restart();
  }

  /** Starts and resolves once every fixed kind has synced or failed once (the CLI waits for this). */
  async connectOnce(next: Partial<ConnectionInputs> = {}): Promise<ClusterStatus> {
    this.inputs = { ...this.inputs, ...next };
    const done = new Promise<void>((resolve) => {
      this.firstRound = { pending: new Set([...BASE_RESOURCES, ...GATEWAY_API].map((d) => d.id)), resolve };
    });
    this.restart();
    await Promise.race([done, this.settled()]);
    return this.current;
  }

  /** Resolves when the state is a final one for a first attempt (not connecting). */
  private settled(): Promise<void> {
    return new Promise((resolve) => {
      // run() decides its first state synchronously, so the state is current here.
      if (this.current.state !== 'connecting') return resolve();
      this.settledWaiters.push(() => {
        if (this.current.state === 'connecting') return false;
        resolve();
        return true;
      });
    });
  }
  private settledWaiters: (() => boolean)[] = [];

  async stop(): Promise<void> {
    this.generation++;
    this.abort.abort();
    const rs = [...this.reflectors.values()];
    this.reflectors.clear();
    await Promise.all(rs.map((r) => r.stop()));
  }

  /** The contexts of the kubeconfig, for the picker. */
  contexts(): ClusterContexts {
    if (!this.inputs.trusted) return { contexts: [], files: [], error: 'the workspace is not trusted' };
    try {
      const k = this.load();
      return {
        contexts: [...k.contexts.values()].map((c) => ({
          name: c.name,
          cluster: typeof c.value.cluster === 'string' ? c.value.cluster : '',
          ...(typeof c.value.namespace === 'string' ? { namespace: c.value.namespace } : {}),
        })),
        ...(k.currentContext ? { current: k.currentContext } : {}),
        ...(this.inputs.context ? { selected: this.inputs.context } : {}),
        files: k.files,
      };
    } catch (err) {
      return { contexts: [], files: [], error: this.redactor.redact((err as Error).message) };
    }
  }

  private load(): MergedKubeconfig {
    const paths = kubeconfigPaths({
      explicit: this.inputs.kubeconfig,
      KUBECONFIG: this.opts.env ? this.opts.env.KUBECONFIG : process.env.KUBECONFIG,
      home: this.opts.env?.home,
      setting: this.inputs.settings.kubeconfig,
    });
    return loadKubeconfig(paths);
  }

  private restart(): void {
    void this.stop().then(() => undefined);
    const gen = ++this.generation;
    this.abort = new AbortController();
    this.outcomes.clear();
    this.transportP = undefined;
    this.lastSync = undefined;
    this.base = {};
    void this.run(gen);
  }

  private setStatus(state: ClusterState, message: string, extra: Partial<ClusterStatus> = {}): void {
    this.current = { state, message: this.redactor.redact(message), ...this.base, ...extra };
    const key = JSON.stringify({ ...this.current, lastSync: undefined, counts: undefined });
    const changed = key !== this.sentKey;
    this.sentKey = key;
    if (changed) {
      this.opts.log(
        `cluster: ${state}${this.current.context ? ` (${this.current.context})` : ''}: ${this.current.message}`,
      );
    }
    // lastSync and counts alone change often: those are sent with the next real change only.
    if (changed) this.opts.onStatus?.(this.current);
    this.settledWaiters = this.settledWaiters.filter((w) => !w());
  }

  private async run(gen: number): Promise<void> {
    const live = (): boolean => gen === this.generation;
    const { trusted, settings, disconnected } = this.inputs;
    if (this.store.context !== undefined || this.store.revision) this.store.clear(undefined);
    if (!trusted && !this.inputs.kubeconfig) {
      return this.setStatus(
        'untrusted',
        'The workspace is not trusted: the cluster is not read and no credential plugin runs.',
      );
    }
    if (settings.enabled === 'off') return this.setStatus('disabled', 'istio.cluster.enabled is off.');
    if (disconnected)
      return this.setStatus(
        'disabled',
        'Disconnected. Run "Istio: Select Cluster Context…" to connect again.',
      );
    let k: MergedKubeconfig;
    try {
      k = this.load();
    } catch (err) {
      const e = err as KubeconfigError;
      return this.setStatus(e.kind === 'no-kubeconfig' ? 'no-kubeconfig' : 'invalid-kubeconfig', e.message);
    }
    let ctx;
    try {
      ctx = resolveContext(k, this.inputs.context);
    } catch (err) {
      const e = err as KubeconfigError;
      return this.setStatus(e.kind === 'no-context' ? 'no-kubeconfig' : 'invalid-kubeconfig', e.message);
    }
    this.base = {
      context: ctx.name,
      ...(displayServer(ctx.cluster.server) ? { server: displayServer(ctx.cluster.server) } : {}),
    };
    this.store.clear(ctx.name);
    this.setStatus('connecting', `Connecting to ${this.base.server ?? ctx.name}…`);
    const backoff = this.opts.backoff?.() ?? new Backoff(1000, 30_000);
    const resolved = ctx;
    const transport = (): Promise<BuiltTransport> => {
      const t = this.transportP;
      if (t) {
        return t.then((x) => {
          if (x.expires !== undefined && x.expires - 10_000 < Date.now()) {
            this.transportP = undefined;
            return transport();
          }
          return x;
        });
      }
      this.transportAt = Date.now();
      const p = buildTransport(resolved, {
        timeoutMs: this.timeoutMs,
        execTimeoutMs: this.opts.execTimeoutMs ?? 10_000,
        redactor: this.redactor,
      });
      this.transportP = p;
      p.catch(() => {
        if (this.transportP === p) this.transportP = undefined;
      });
      return p;
    };
    // Probe /version until it answers; then start the reflectors.
    while (live()) {
      try {
        const t = await transport();
        const v = (await getJson(t, '/version', this.abort.signal)) as { gitVersion?: string };
        if (!live()) return;
        if (typeof v?.gitVersion === 'string') this.base.kubernetesVersion = v.gitVersion;
        break;
      } catch (err) {
        if (!live()) return;
        this.fail(err);
        if (err instanceof KubeconfigError) return;
        await sleep(backoff.next(), this.abort.signal);
      }
    }
    if (!live()) return;
    for (const def of [...BASE_RESOURCES, ...GATEWAY_API]) this.startReflector(def, transport);
    this.refreshStatus();
  }

  /** One status line for a failure outside the reflectors (kubeconfig, exec plugin, /version). */
  private fail(err: unknown): void {
    if (err instanceof KubeconfigError) return this.setStatus('invalid-kubeconfig', err.message);
    if (err instanceof ExecPluginError) return this.setStatus('credentials-failed', err.message);
    if (err instanceof ApiError) {
      if (err.reason === 'unauthorized') this.dropTransport();
      return this.setStatus(this.stateFor(err), this.describe(err));
    }
    this.setStatus('unreachable', (err as Error).message);
  }

  private stateFor(e: ApiError): ClusterState {
    if (e.reason === 'unauthorized') return 'unauthorized';
    if (e.reason === 'forbidden') return 'forbidden';
    return 'unreachable';
  }

  private describe(e: ApiError): string {
    if (e.reason === 'unauthorized')
      return `${e.message}. Check the credentials of context "${this.base.context ?? ''}".`;
    if (isNetworkFailure(e.reason)) return `Cannot reach the API server: ${e.message}. Retrying.`;
    return e.message;
  }

  private dropTransport(): void {
    // Re-run an exec plugin at most every 10 s, however many watches were refused together.
    if (Date.now() - this.transportAt > 10_000) this.transportP = undefined;
  }

  private startReflector(def: ResourceDef, transport: () => Promise<BuiltTransport>): void {
    const gen = this.generation;
    const r = new Reflector(def, {
      transport,
      store: this.store,
      report: (d, outcome) => {
        if (gen !== this.generation) return;
        this.outcomes.set(d.id, outcome);
        if (!outcome.ok && outcome.error.reason === 'unauthorized') this.dropTransport();
        if (this.firstRound?.pending.delete(d.id) && !this.firstRound.pending.size) this.firstRound.resolve();
        this.refreshStatus();
      },
      onObjects: (d) => {
        if (d.kind === 'CustomResourceDefinition' && gen === this.generation)
          this.syncCrdReflectors(transport);
      },
      ...(this.opts.backoff ? { backoff: this.opts.backoff } : {}),
      ...(this.opts.watchSeconds ? { watchSeconds: this.opts.watchSeconds } : {}),
      ...(this.opts.pageSize ? { pageSize: this.opts.pageSize } : {}),
    });
    this.reflectors.set(def.id, r);
    r.start();
  }

  /** One reflector per Istio CRD the cluster serves; reflectors of removed CRDs stop. */
  private syncCrdReflectors(transport: () => Promise<BuiltTransport>): void {
    const wanted = new Map<string, ResourceDef>();
    for (const crd of this.store.list('CustomResourceDefinition')) {
      const def = crdResource(crd);
      if (def && !GATEWAY_API.some((g) => g.id === def.id)) wanted.set(def.id, def);
    }
    const fixed = new Set([...BASE_RESOURCES, ...GATEWAY_API].map((d) => d.id));
    for (const [id, r] of this.reflectors) {
      if (fixed.has(id)) continue;
      const w = wanted.get(id);
      if (!w || w.version !== r.def.version) {
        this.reflectors.delete(id);
        this.outcomes.delete(id);
        void r.stop().then(() => this.store.drop(r.def.kind));
      }
    }
    for (const [id, def] of wanted) if (!this.reflectors.has(id)) this.startReflector(def, transport);
  }

  /** Sums the reflectors' last outcomes up into one state. */
  private refreshStatus(): void {
    if (!this.reflectors.size) return;
    const outcomes = [...this.outcomes.values()];
    const failures = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
    const network = failures.find((e) => isNetworkFailure(e.reason));
    const unauthorized = failures.find((e) => e.reason === 'unauthorized');
    const extra: Partial<ClusterStatus> = {};
    const istio = this.store.istio()[0];
    if (istio?.version) extra.istioVersion = istio.version;
    if (istio) extra.istioRevision = istio.revision;
    if (this.lastSync) extra.lastSync = new Date(this.lastSync).toISOString();
    const forbidden: string[] = [];
    const absent: string[] = [];
    const counts: Record<string, number> = {};
    for (const [kind, state] of this.store.kindStates()) {
      if (state === 'forbidden') forbidden.push(kind);
      else if (state === 'absent') absent.push(kind);
      else counts[kind] = this.store.count(kind);
    }
    if (forbidden.length) extra.forbiddenKinds = forbidden.sort();
    if (absent.length) extra.absentKinds = absent.sort();
    extra.counts = counts;
    if (network) return this.setStatus('unreachable', this.describe(network), extra);
    if (unauthorized) return this.setStatus('unauthorized', this.describe(unauthorized), extra);
    const fixed = [...BASE_RESOURCES, ...GATEWAY_API];
    const waiting = fixed.filter((d) => !this.outcomes.has(d.id));
    if (waiting.length)
      return this.setStatus(
        'connecting',
        `Reading the cluster (${fixed.length - waiting.length}/${fixed.length} kinds)…`,
        extra,
      );
    this.lastSync ??= Date.now();
    extra.lastSync = new Date(this.lastSync).toISOString();
    const version = extra.istioVersion ? `Istio ${extra.istioVersion}` : 'no istiod found';
    if (forbidden.length) {
      return this.setStatus(
        'forbidden',
        `Connected (${version}); not allowed to read ${forbidden.join(', ')}: checks that need them say so.`,
        extra,
      );
    }
    const other = failures[0];
    if (other) return this.setStatus('connected', `Connected (${version}); ${other.message}`, extra);
    this.setStatus('connected', `Connected (${version}).`, extra);
  }
}
