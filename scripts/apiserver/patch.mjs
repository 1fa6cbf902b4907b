// The three patch formats of the API server: JSON patch (RFC 6902), JSON merge patch (RFC 7386)
// and strategic merge patch (Kubernetes' own, for built-in kinds: lists merge by key, and the
// $patch, $setElementOrder, $retainKeys and $deleteFromPrimitiveList directives).

export class PatchError extends Error {}

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

export function mergePatch(target, patch) {
  if (!isObj(patch)) return structuredClone(patch);
  const out = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function pointer(path) {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer: ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function walk(doc, parts) {
  let cur = doc;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') throw new PatchError(`path not found: /${parts.join('/')}`);
    cur = Array.isArray(cur) ? cur[Number(p)] : cur[p];
    if (cur === undefined) throw new PatchError(`path not found: /${parts.join('/')}`);
  }
  return cur;
}

function addAt(doc, parts, value, replace) {
  if (!parts.length) return value;
  const parent = walk(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1];
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length)
      throw new PatchError(`index out of range: ${last}`);
    if (replace) parent[i] = value;
    else parent.splice(i, 0, value);
  } else if (isObj(parent)) {
    if (replace && !(last in parent))
      throw new PatchError(`replace operation does not apply: doc is missing key: /${parts.join('/')}`);
    parent[last] = value;
  } else throw new PatchError(`path not found: /${parts.join('/')}`);
  return doc;
}

function removeAt(doc, parts) {
  const parent = walk(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isObj(parent) && last in parent) delete parent[last];
  else throw new PatchError(`remove operation does not apply: doc is missing path: /${parts.join('/')}`);
  return doc;
}

export function jsonPatch(target, ops) {
  if (!Array.isArray(ops)) throw new PatchError('json patch must be an array of operations');
  let doc = structuredClone(target);
  for (const op of ops) {
    const parts = pointer(op.path ?? '');
    switch (op.op) {
      case 'add':
        doc = addAt(doc, parts, structuredClone(op.value), false);
        break;
      case 'replace':
        doc = addAt(doc, parts, structuredClone(op.value), true);
        break;
      case 'remove':
        doc = removeAt(doc, parts);
        break;
      case 'move': {
        const v = walk(doc, pointer(op.from));
        doc = removeAt(doc, pointer(op.from));
        doc = addAt(doc, parts, v, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, parts, structuredClone(walk(doc, pointer(op.from))), false);
        break;
      case 'test':
        if (JSON.stringify(walk(doc, parts)) !== JSON.stringify(op.value))
          throw new PatchError(`testing value /${parts.join('/')} failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

/**
 * Merge keys of lists in built-in kinds (by field name; `ports` depends on where it is).
 * Lists not named here are replaced whole, as their Go types declare no merge strategy.
 */
function mergeKey(field, path) {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'webhooks':
    case 'secrets':
      return 'name';
    case 'volumeMounts':
    case 'volumeDevices':
      return field === 'volumeMounts' ? 'mountPath' : 'devicePath';
    case 'ports':
      return /(containers|initContainers|ephemeralContainers)\/\*$/.test(path) ? 'containerPort' : 'port';
    case 'hostAliases':
      return 'ip';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'conditions':
      return 'type';
    case 'finalizers':
      return '$primitive';
    default:
      return undefined;
  }
}

/** Applies a strategic merge patch to a built-in object. */
export function strategicMergePatch(target, patch) {
  return smpMap(isObj(target) ? target : {}, patch, '');
}

function smpMap(target, patch, path) {
  if (!isObj(patch)) throw new PatchError('strategic merge patch must be an object');
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return structuredClone(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  let out = { ...target };
  const retain = patch.$retainKeys;
  for (const [k, v] of Object.entries(patch)) {
    if (
      k === '$patch' ||
      k === '$retainKeys' ||
      k.startsWith('$setElementOrder/') ||
      k.startsWith('$deleteFromPrimitiveList/')
    )
      continue;
    const sub = `${path}/${k}`;
    if (v === null) {
      delete out[k];
    } else if (isObj(v)) {
      const merged = smpMap(isObj(out[k]) ? out[k] : {}, v, sub);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else if (Array.isArray(v)) {
      out[k] = smpList(Array.isArray(out[k]) ? out[k] : [], v, k, path);
    } else {
      out[k] = v;
    }
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const f = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[f])) out[f] = out[f].filter((x) => !v.includes(x));
    }
  }
  for (const [k, order] of Object.entries(patch)) {
    if (!k.startsWith('$setElementOrder/')) continue;
    const f = k.slice('$setElementOrder/'.length);
    if (!Array.isArray(out[f]) || !Array.isArray(order)) continue;
    const key = mergeKey(f, path);
    const id = (x) => (key && key !== '$primitive' && isObj(x) ? JSON.stringify(x[key]) : JSON.stringify(x));
    const orderIds = order.map(id);
    const rank = (x) => {
      const i = orderIds.indexOf(id(x));
      return i < 0 ? orderIds.length : i;
    };
    out[f] = out[f]
      .map((x, i) => [x, i])
      .sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1])
      .map(([x]) => x);
  }
  if (Array.isArray(retain))
    out = Object.fromEntries(Object.entries(out).filter(([k]) => retain.includes(k)));
  return out;
}

function smpList(target, patch, field, path) {
  const key = mergeKey(field, path);
  if (!key) {
    return patch.filter((x) => !(isObj(x) && x.$patch)).map((x) => structuredClone(x));
  }
  if (key === '$primitive') {
    const out = [...target];
    for (const x of patch) if (!out.includes(x)) out.push(x);
    return out;
  }
  if (patch.some((x) => isObj(x) && x.$patch === 'replace')) {
    return patch.filter((x) => !(isObj(x) && x.$patch === 'replace')).map((x) => structuredClone(x));
  }
  const out = target.map((x) => x);
  for (const item of patch) {
    if (!isObj(item)) throw new PatchError(`${field}: merging an object in json but data type is not map`);
    const i = out.findIndex((x) => isObj(x) && x[key] === item[key]);
    if (item.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) out[i] = smpMap(out[i], item, `${path}/${field}/*`);
    else out.push(smpMap({}, item, `${path}/${field}/*`));
  }
  return out;
}
