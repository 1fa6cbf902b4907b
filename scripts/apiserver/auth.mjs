// Authentication (bearer tokens, client certificates signed by the run's CA) and authorization
// (RBAC-like allow rules per user, plus injected denials), with the API server's 401/403 replies.
import { ApiError } from './status.mjs';

/**
 * @typedef {{ name: string, groups?: string[], token?: string, rules?: Rule[] }} User
 * @typedef {{ verbs: string[], apiGroups: string[], resources: string[], namespaces?: string[] }} Rule
 */

export const unauthorized = () => new ApiError(401, 'Unauthorized', 'Unauthorized');

/** The user of a request, or undefined (401). */
export function authenticate(req, users) {
  const sock = req.socket;
  if (sock.authorized && typeof sock.getPeerCertificate === 'function') {
    const cert = sock.getPeerCertificate();
    const cn = cert?.subject?.CN;
    if (cn) {
      const o = cert.subject.O;
      const groups = Array.isArray(o) ? o : o ? [o] : [];
      const known = users.find((u) => u.name === cn && !u.token);
      return { name: cn, groups: [...groups, 'system:authenticated'], rules: known?.rules };
    }
  }
  const h = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (m) {
    const u = users.find((x) => x.token && x.token === m[1]);
    if (u) return { name: u.name, groups: [...(u.groups ?? []), 'system:authenticated'], rules: u.rules };
  }
  return undefined;
}

const hit = (list, v) => !list || list.includes('*') || list.includes(v);

/** Whether a user may do a verb on group/resource(/subresource) in a namespace. */
export function allowed(user, verb, group, resource, namespace, denials) {
  for (const d of denials ?? []) {
    if (
      (d.user === undefined || d.user === user.name) &&
      hit(d.verbs, verb) &&
      (d.group === undefined || d.group === group) &&
      hit([d.resource], resource) &&
      (!d.namespace || d.namespace === namespace)
    )
      return false;
  }
  if (user.groups.includes('system:masters')) return true;
  if (!user.rules) return user.groups.includes('system:masters');
  return user.rules.some(
    (r) =>
      hit(r.verbs, verb) &&
      hit(r.apiGroups, group) &&
      hit(r.resources, resource) &&
      (!r.namespaces || (namespace !== undefined && r.namespaces.includes(namespace))),
  );
}

/** The 403 the API server sends: `pods "x" is forbidden: User "u" cannot get resource "pods" in API group "" in the namespace "ns"`. */
export function forbidden(user, verb, group, resource, namespace, name) {
  const what = name
    ? `${resource.split('/')[0]}${group ? '.' + group : ''} "${name}"`
    : `${resource.split('/')[0]}${group ? '.' + group : ''}`;
  const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  const message = `${what} is forbidden: User "${user.name}" cannot ${verb} resource "${resource}" in API group "${group}" ${where}`;
  return new ApiError(403, 'Forbidden', message, {
    ...(name ? { name } : {}),
    ...(group ? { group } : {}),
    kind: resource.split('/')[0],
  });
}
