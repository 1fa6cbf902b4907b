// Watch: one JSON object per line over a chunked response, resumable from a resourceVersion,
// with bookmarks, timeoutSeconds and 410 Gone when the resourceVersion left the retained window.
import { asVersion, typeKey } from './objects.mjs';
import { status } from './status.mjs';

/**
 * Serves a watch on `res`. `matches(obj)` applies the namespace and selectors.
 * opts: { resourceVersion, allowBookmarks, sendInitialEvents, timeoutSeconds, bookmarkMs, faults, onClose }
 */
export function serveWatch(server, res, type, version, matches, opts) {
  const { store } = server;
  const key = typeKey(type);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  let closed = false;
  let sent = 0;
  const write = (type2, object) => {
    if (closed) return;
    sent++;
    const drop = server.faults.dropWatchAfterEvents;
    // A dropped watch: the connection is cut once this event has gone out, with no end of stream.
    if (drop !== undefined && sent >= drop) {
      closed = true;
      res.write(JSON.stringify({ type: type2, object }) + '\n', () => {
        closed = false;
        watcher.drop();
      });
    } else res.write(JSON.stringify({ type: type2, object }) + '\n');
  };
  const out = (obj) => asVersion(obj, type, version);
  const watcher = {
    typeKey: key,
    type,
    deliver(ev) {
      const now = matches(ev.object);
      const before = ev.old !== undefined && matches(ev.old);
      if (ev.type === 'ADDED' && now) write('ADDED', out(ev.object));
      else if (ev.type === 'DELETED' && before) write('DELETED', out(ev.object));
      else if (ev.type === 'MODIFIED') {
        if (now && before) write('MODIFIED', out(ev.object));
        else if (now) write('ADDED', out(ev.object));
        else if (before) write('DELETED', out(ev.object));
      }
    },
    drop() {
      if (closed) return;
      finish();
      res.destroy();
    },
    end() {
      if (closed) return;
      finish();
      res.end();
    },
  };
  const timers = [];
  const finish = () => {
    closed = true;
    store.watchers.delete(watcher);
    server.watches.delete(watcher);
    for (const t of timers) clearInterval(t);
  };
  res.on('close', finish);
  server.watches.add(watcher);

  const rvParam = opts.resourceVersion;
  const bookmark = (annotations) => {
    const md = { resourceVersion: String(store.rv), ...(annotations ? { annotations } : {}) };
    write('BOOKMARK', {
      kind: type.kind,
      apiVersion: type.group ? `${type.group}/${version}` : version,
      metadata: md,
    });
  };
  if (server.faults.expireNextWatch > 0 && rvParam && rvParam !== '0') {
    server.faults.expireNextWatch--;
    return gone(rvParam);
  }
  if (!rvParam || rvParam === '0' || opts.sendInitialEvents) {
    if (opts.sendInitialEvents === false) {
      /* nothing: start from now */
    } else for (const o of store.list(key)) if (matches(o)) write('ADDED', out(o));
    if (opts.sendInitialEvents) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    const n = Number(rvParam);
    if (!Number.isInteger(n) || n < 0) {
      write('ERROR', status(400, 'BadRequest', `invalid resource version: ${rvParam}`));
      return watcher.end();
    }
    const events = store.eventsSince(key, n);
    if (!events) return gone(rvParam);
    for (const ev of events) watcher.deliver(ev);
  }
  if (closed) return;
  store.watchers.add(watcher);
  if (opts.allowBookmarks) timers.push(setInterval(() => bookmark(), opts.bookmarkMs));
  const timeout = opts.timeoutSeconds;
  if (timeout !== undefined) timers.push(setTimeout(() => watcher.end(), timeout * 1000));

  function gone(rv) {
    write('ERROR', status(410, 'Expired', `too old resource version: ${rv} (${store.compactedRv + 1})`));
    watcher.end();
  }
}
