// Object storage with one resourceVersion counter for the whole server (as etcd's revision), a
// bounded window of past events for watches to resume from, and the live watchers.
import { randomUUID } from 'node:crypto';

export class Store {
  /** @param {{historyLimit?: number, firstResourceVersion?: number}} [opts] */
  constructor(opts = {}) {
    this.rv = opts.firstResourceVersion ?? 1000;
    this.historyLimit = opts.historyLimit ?? 10_000;
    /** typeKey -> Map(key -> object) */
    this.objects = new Map();
    /** Retained events, oldest first: { rv, typeKey, type, object, old } */
    this.history = [];
    /** Watches may resume from a resourceVersion >= this one. */
    this.compactedRv = this.rv;
    this.watchers = new Set();
  }

  bucket(typeKey) {
    let b = this.objects.get(typeKey);
    if (!b) this.objects.set(typeKey, (b = new Map()));
    return b;
  }

  static key(namespace, name) {
    return `${namespace ?? ''}/${name}`;
  }

  get(typeKey, namespace, name) {
    return this.objects.get(typeKey)?.get(Store.key(namespace, name));
  }

  /** Objects of a type, optionally in one namespace, sorted by namespace then name. */
  list(typeKey, namespace) {
    const all = [...(this.objects.get(typeKey)?.values() ?? [])];
    const items = namespace ? all.filter((o) => o.metadata.namespace === namespace) : all;
    return items.sort((a, b) =>
      Store.key(a.metadata.namespace, a.metadata.name).localeCompare(
        Store.key(b.metadata.namespace, b.metadata.name),
      ),
    );
  }

  nextRv() {
    return String(++this.rv);
  }

  /** Stores a new object (metadata filled in here) and returns it. */
  create(typeKey, obj) {
    const md = obj.metadata;
    md.uid = md.uid ?? randomUUID();
    md.creationTimestamp = md.creationTimestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    md.resourceVersion = this.nextRv();
    this.bucket(typeKey).set(Store.key(md.namespace, md.name), obj);
    this.emit(typeKey, 'ADDED', obj, undefined);
    return obj;
  }

  /** Replaces a stored object; the caller has checked it exists. */
  update(typeKey, obj) {
    const k = Store.key(obj.metadata.namespace, obj.metadata.name);
    const old = this.bucket(typeKey).get(k);
    obj.metadata.resourceVersion = this.nextRv();
    this.bucket(typeKey).set(k, obj);
    this.emit(typeKey, 'MODIFIED', obj, old);
    return obj;
  }

  delete(typeKey, namespace, name) {
    const k = Store.key(namespace, name);
    const old = this.bucket(typeKey).get(k);
    if (!old) return undefined;
    this.bucket(typeKey).delete(k);
    const gone = structuredClone(old);
    gone.metadata.resourceVersion = this.nextRv();
    this.emit(typeKey, 'DELETED', gone, old);
    return gone;
  }

  emit(typeKey, type, object, old) {
    const event = {
      rv: Number(object.metadata.resourceVersion),
      typeKey,
      type,
      object: structuredClone(object),
      old: old && structuredClone(old),
    };
    this.history.push(event);
    while (this.history.length > this.historyLimit) this.compactedRv = this.history.shift().rv;
    for (const w of this.watchers) if (w.typeKey === typeKey) w.deliver(event);
  }

  /** Forgets every past event: a watch from any older resourceVersion now gets 410 Gone. */
  compact() {
    this.history = [];
    this.compactedRv = this.rv;
  }

  /** Events after `rv` for a type, or undefined when `rv` is older than the retained window. */
  eventsSince(typeKey, rv) {
    if (rv < this.compactedRv) return undefined;
    return this.history.filter((e) => e.rv > rv && e.typeKey === typeKey);
  }
}
