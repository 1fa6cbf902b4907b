// Label and field selectors, parsed and matched as the API server does.
// Labels: k=v, k==v, k!=v, k in (a,b), k notin (a,b), k, !k, k>n, k<n; joined by commas.
// Fields: f=v, f==v, f!=v over the fields each kind supports (metadata.name, metadata.namespace, ...).

export class SelectorError extends Error {}

/** Splits on commas that are not inside parentheses. */
function splitTerms(s) {
  const out = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter((t) => t !== '');
}

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(k, raw) {
  if (!KEY.test(k) || k.length > 317)
    throw new SelectorError(`unable to parse requirement: invalid label key "${k}" in "${raw}"`);
}
function checkValue(v, raw) {
  if (!VALUE.test(v) || v.length > 63)
    throw new SelectorError(`unable to parse requirement: invalid label value: "${v}" in "${raw}"`);
}

/** Parses a label selector into a list of requirements; throws SelectorError on bad input. */
export function parseLabelSelector(s) {
  const reqs = [];
  for (const term of splitTerms(s ?? '')) {
    let m;
    if ((m = /^(\S+?)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term))) {
      checkKey(m[1], term);
      const values = m[3].split(',').map((v) => v.trim());
      values.forEach((v) => checkValue(v, term));
      reqs.push({ key: m[1], op: m[2], values });
    } else if ((m = /^!\s*(\S+)$/.exec(term))) {
      checkKey(m[1], term);
      reqs.push({ key: m[1], op: '!' });
    } else if ((m = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(\S*)$/.exec(term))) {
      checkKey(m[1], term);
      if (m[2] === '>' || m[2] === '<') {
        if (!/^-?\d+$/.test(m[3]))
          throw new SelectorError(
            `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
          );
      } else checkValue(m[3], term);
      reqs.push({ key: m[1], op: m[2] === '==' ? '=' : m[2], values: [m[3]] });
    } else if (/^\S+$/.test(term) && !/[=!()<>]/.test(term)) {
      checkKey(term, term);
      reqs.push({ key: term, op: 'exists' });
    } else {
      throw new SelectorError(`unable to parse requirement: found '${term}', expected: identifier`);
    }
  }
  return reqs;
}

export function matchLabels(reqs, labels) {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case '=':
        return has && l[r.key] === r.values[0];
      case '!=':
        return !has || l[r.key] !== r.values[0];
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      case 'exists':
        return has;
      case '!':
        return !has;
      case '>':
      case '<': {
        if (!has || !/^-?\d+$/.test(l[r.key])) return false;
        const a = Number(l[r.key]);
        const b = Number(r.values[0]);
        return r.op === '>' ? a > b : a < b;
      }
      default:
        return false;
    }
  });
}

/** The fields each kind can be selected on, besides metadata.name and metadata.namespace. */
const EXTRA_FIELDS = {
  Pod: {
    'spec.nodeName': (o) => o.spec?.nodeName ?? '',
    'spec.serviceAccountName': (o) => o.spec?.serviceAccountName ?? '',
    'spec.restartPolicy': (o) => o.spec?.restartPolicy ?? '',
    'spec.schedulerName': (o) => o.spec?.schedulerName ?? '',
    'status.phase': (o) => o.status?.phase ?? '',
    'status.podIP': (o) => o.status?.podIP ?? '',
  },
  Secret: { type: (o) => o.type ?? '' },
  Namespace: { 'status.phase': (o) => o.status?.phase ?? '' },
};

/** Parses a field selector for a kind; unknown fields are a SelectorError ("field label not supported"). */
export function parseFieldSelector(s, kind) {
  const fields = {
    'metadata.name': (o) => o.metadata?.name ?? '',
    'metadata.namespace': (o) => o.metadata?.namespace ?? '',
    ...(EXTRA_FIELDS[kind] ?? {}),
  };
  const reqs = [];
  for (const term of splitTerms(s ?? '')) {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw new SelectorError(`invalid selector: '${s}'; can't understand '${term}'`);
    const get = fields[m[1]];
    if (!get) throw new SelectorError(`field label not supported: ${m[1]}`);
    reqs.push({ get, op: m[2] === '!=' ? '!=' : '=', value: m[3] });
  }
  return reqs;
}

export function matchFields(reqs, obj) {
  return reqs.every((r) => (r.op === '=' ? r.get(obj) === r.value : r.get(obj) !== r.value));
}
