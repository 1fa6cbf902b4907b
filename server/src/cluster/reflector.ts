import type { ClusterStore } from '../service/cluster/store';
import { summarize } from '../service/cluster/summarize';
import type { AnySummary } from '../service/cluster/types';
import { Backoff, sleep } from './backoff';
import { ApiError, getJson, isNetworkFailure, watchStream, type Transport, type WatchEvent } from './http';
import { resourcePath, type ResourceDef } from './resources';

/** What a reflector tells its owner after each attempt, so the connection can sum up one status. */
export type ReflectorOutcome = { ok: true; synced: boolean } | { ok: false; error: ApiError };

export interface ReflectorDeps {
  transport(): Promise<Transport>;
  store: ClusterStore;
  report(def: ResourceDef, outcome: ReflectorOutcome): void;
  /** Objects seen by this reflector, for kinds others react to (CRDs start more reflectors). */
  onObjects?(def: ResourceDef): void;
  backoff?: () => Backoff;
  pageSize?: number;
  /** The server closes each watch after this many seconds (client-go picks 5–10 minutes). */
  watchSeconds?: () => number;
}

/**
 * List, then watch from the list's resourceVersion, for one resource; forever, until stopped.
 * - A watch that ends normally is resumed from the last resourceVersion seen (bookmarks included).
 * - A watch that drops, or a request that fails, is retried from the same resourceVersion after an
 *   exponential backoff; the kind is `stale` meanwhile.
 * - 410 Gone (the resourceVersion is too old) re-lists; a repeated 410 waits for the backoff first.
 * - 403 marks the kind forbidden, 404 absent (its CRD is not installed); both are retried slowly.
 * Lists are paged (`limit`/`continue`) and summarized page by page, so a 10,000-pod cluster never
 * holds more than one page of raw objects.
 */
export class Reflector {
  private readonly abort = new AbortController();
  private readonly backoff: Backoff;
  private running: Promise<void> | undefined;
  resourceVersion: string | undefined;
  private failed = false;
  /** The current watch was open (its response had started) when it ended. */
  private watchOpen = false;
  /** The last drop was resumed quietly; a second drop in a row is reported. */
  private quietDrop = false;

  constructor(
    readonly def: ResourceDef,
    private readonly deps: ReflectorDeps,
  ) {
    this.backoff = deps.backoff?.() ?? new Backoff();
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async loop(): Promise<void> {
    const { store } = this.deps;
    const kind = this.def.kind;
    if (store.state(kind) === 'unknown') store.setState(kind, 'syncing');
    let gone = 0;
    while (!this.stopped) {
      try {
        const t = await this.deps.transport();
        if (this.resourceVersion === undefined) {
          this.resourceVersion = await this.list(t);
          gone = 0;
          this.failed = false;
          this.backoff.reset();
          store.setState(kind, 'synced');
          this.deps.report(this.def, { ok: true, synced: true });
        } else {
          await this.watch(t, this.resourceVersion);
          this.quietDrop = false;
        }
      } catch (err) {
        if (this.stopped) break;
        const e = err instanceof ApiError ? err : new ApiError((err as Error).message, 'other');
        if (this.watchOpen && !this.quietDrop && (e.reason === 'reset' || e.reason === 'timeout')) {
          // An open watch dropped: the server was reachable a moment ago. Resume from the same
          // resourceVersion after the backoff; only a failed resume is reported (one status line,
          // not "unreachable" then "connected" for every drop).
          this.watchOpen = false;
          this.quietDrop = true;
          if (store.state(kind) === 'synced') store.setState(kind, 'stale');
          await sleep(this.backoff.next(), this.abort.signal);
          continue;
        }
        if (e.reason === 'gone') {
          // Too old: list again. The first time at once, then with backoff.
          this.resourceVersion = undefined;
          if (gone++ === 0) continue;
        } else if (e.reason === 'forbidden') {
          this.resourceVersion = undefined;
          store.replace(kind, [], this.def.owns);
          store.setState(kind, 'forbidden');
        } else if (e.reason === 'notfound') {
          this.resourceVersion = undefined;
          store.replace(kind, [], this.def.owns);
          store.setState(kind, 'absent');
        } else if (
          isNetworkFailure(e.reason) ||
          e.reason === 'unauthorized' ||
          e.reason === 'other' ||
          e.reason === 'http'
        ) {
          if (store.state(kind) === 'synced' || store.state(kind) === 'syncing')
            store.setState(kind, 'stale');
        }
        this.failed = true;
        this.deps.report(this.def, { ok: false, error: e });
        const slow = e.reason === 'forbidden' || e.reason === 'notfound';
        await sleep(slow ? Math.max(this.backoff.next(), 30_000) : this.backoff.next(), this.abort.signal);
      }
    }
  }

  private query(extra: Record<string, string>): string {
    const q = new URLSearchParams();
    if (this.def.labelSelector) q.set('labelSelector', this.def.labelSelector);
    if (this.def.fieldSelector) q.set('fieldSelector', this.def.fieldSelector);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `${resourcePath(this.def)}?${q.toString()}`;
  }

  /** Lists every page; replaces the kind in the store; returns the list's resourceVersion. */
  private async list(t: Transport): Promise<string> {
    const items: AnySummary[] = [];
    let token = '';
    let rv = '';
    const limit = String(this.deps.pageSize ?? 500);
    do {
      const page = (await getJson(
        t,
        this.query(token ? { limit, continue: token } : { limit }),
        this.abort.signal,
      )) as {
        metadata?: { resourceVersion?: string; continue?: string };
        items?: unknown[];
      };
      for (const raw of Array.isArray(page.items) ? page.items : []) items.push(this.summary(raw));
      rv = page.metadata?.resourceVersion ?? rv;
      token = page.metadata?.continue ?? '';
    } while (token && !this.stopped);
    this.deps.store.replace(this.def.kind, items, this.def.owns);
    this.deps.onObjects?.(this.def);
    return rv;
  }

  private summary(raw: unknown): AnySummary {
    return summarize(this.def.kind, raw);
  }

  private async watch(t: Transport, rv: string): Promise<void> {
    const { store } = this.deps;
    const kind = this.def.kind;
    this.watchOpen = false;
    const seconds = this.deps.watchSeconds?.() ?? 300 + Math.floor(Math.random() * 300);
    const path = this.query({
      watch: 'true',
      resourceVersion: rv,
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(seconds),
    });
    await watchStream(
      t,
      path,
      {
        onOpen: () => {
          this.watchOpen = true;
          if (store.state(kind) === 'stale') store.setState(kind, 'synced');
          // Reported per reflector: two reflectors may share a kind (and its state).
          if (this.failed) {
            this.failed = false;
            this.deps.report(this.def, { ok: true, synced: true });
          }
          this.backoff.reset();
        },
        onEvent: (e) => this.apply(e),
      },
      (seconds + 30) * 1000,
      this.abort.signal,
    );
  }

  private apply(e: WatchEvent): void {
    const md = (
      (e.object ?? {}) as { metadata?: { resourceVersion?: string; name?: string; namespace?: string } }
    ).metadata;
    if (e.type === 'ERROR') {
      const s = (e.object ?? {}) as { code?: number; message?: string };
      if (s.code === 410) throw new ApiError(s.message ?? 'resourceVersion too old', 'gone', 410);
      throw new ApiError(s.message ?? 'the watch failed', s.code === 403 ? 'forbidden' : 'http', s.code);
    }
    if (md?.resourceVersion) this.resourceVersion = md.resourceVersion;
    if (e.type === 'BOOKMARK') return;
    const name = md?.name ?? '';
    if (this.def.owns && !this.def.owns(name)) return;
    if (e.type === 'DELETED') this.deps.store.remove(this.def.kind, md?.namespace ?? '', name);
    else if (e.type === 'ADDED' || e.type === 'MODIFIED') this.deps.store.upsert(this.summary(e.object));
    else return;
    this.deps.onObjects?.(this.def);
  }
}
