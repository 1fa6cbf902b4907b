// What the API server does to objects on create, update, patch and delete: names, namespaces,
// generation, status subresources, namespace side effects and CRD registration.
import { ApiError, alreadyExists, badRequest, conflict, invalid, notFound } from './status.mjs';
import { PatchError, jsonPatch, mergePatch, strategicMergePatch } from './patch.mjs';
import { randomBytes } from 'node:crypto';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Kinds whose metadata.generation the server counts (changes of everything but metadata/status). */
const hasGeneration = (t) => t.crd || t.group !== '' || t.kind === 'Pod';

export const typeKey = (t) => `${t.group}/${t.plural}`;

/** The object as served at a version: apiVersion set to that version. */
export function asVersion(obj, type, version) {
  return { ...obj, apiVersion: type.group ? `${type.group}/${version}` : version, kind: type.kind };
}

export class Objects {
  constructor(store, registry) {
    this.store = store;
    this.registry = registry;
  }

  validateName(type, name) {
    const label = type.kind === 'Namespace' || type.kind === 'Service';
    const ok = name.length <= (label ? 63 : 253) && (label ? DNS1123_LABEL : DNS1123_SUBDOMAIN).test(name);
    if (!ok) {
      const what = label
        ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
        : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
      throw invalid(type, name, [{ field: 'metadata.name', message: `Invalid value: "${name}": ${what}` }]);
    }
  }

  checkNamespace(type, namespace) {
    if (!type.namespaced) return;
    const nsType = this.registry.find('', 'v1', 'namespaces');
    if (!this.store.get(typeKey(nsType), undefined, namespace)) throw notFound(nsType, namespace);
  }

  /** Creates `body` (already decoded) of `type` in `namespace` (path namespace, may be undefined). */
  create(type, namespace, body, { dryRun = false, keepStatus = false } = {}) {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw badRequest('the body of the request must be a JSON object');
    if (body.kind && body.kind !== type.kind)
      throw badRequest(
        `the kind of the provided object (${body.kind}) does not match the kind of the request (${type.kind})`,
      );
    const obj = structuredClone(body);
    obj.metadata = { ...(obj.metadata ?? {}) };
    const md = obj.metadata;
    if (type.namespaced) {
      if (namespace && md.namespace && md.namespace !== namespace)
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      md.namespace = namespace ?? md.namespace ?? 'default';
    } else delete md.namespace;
    if (!md.name && md.generateName) md.name = md.generateName + randomBytes(3).toString('hex').slice(0, 5);
    if (!md.name)
      throw invalid(type, '', [
        {
          field: 'metadata.name',
          reason: 'FieldValueRequired',
          message: 'Required value: name or generateName is required',
        },
      ]);
    this.validateName(type, md.name);
    this.checkNamespace(type, md.namespace);
    if (this.store.get(typeKey(type), md.namespace, md.name)) throw alreadyExists(type, md.name);
    for (const k of [
      'uid',
      'resourceVersion',
      'creationTimestamp',
      'deletionTimestamp',
      'generation',
      'selfLink',
    ])
      delete md[k];
    if (hasGeneration(type)) md.generation = 1;
    delete obj.apiVersion;
    delete obj.kind;
    // Status is the controllers' to write: a create through the API starts without one (seeds keep theirs).
    if (!keepStatus && (type.subresources ?? []).includes('status')) delete obj.status;
    this.defaults(type, obj);
    if (dryRun)
      return {
        ...obj,
        metadata: {
          ...md,
          uid: '00000000-0000-0000-0000-000000000000',
          creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        },
      };
    const stored = this.store.create(typeKey(type), obj);
    this.afterWrite(type, stored, 'create');
    return stored;
  }

  defaults(type, obj) {
    const md = obj.metadata;
    if (type.kind === 'Namespace') {
      md.labels = { ...(md.labels ?? {}), 'kubernetes.io/metadata.name': md.name };
      obj.spec = { finalizers: ['kubernetes'], ...(obj.spec ?? {}) };
      obj.status = { phase: 'Active', ...(obj.status ?? {}) };
    }
    if (type.kind === 'Secret' && !obj.type) obj.type = 'Opaque';
    if (type.kind === 'Service') {
      obj.spec = { type: 'ClusterIP', sessionAffinity: 'None', ...(obj.spec ?? {}) };
      for (const p of obj.spec.ports ?? []) {
        p.protocol = p.protocol ?? 'TCP';
        if (p.targetPort === undefined) p.targetPort = p.port;
      }
    }
    if (type.kind === 'Deployment') {
      obj.spec = { replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, ...(obj.spec ?? {}) };
      obj.spec.strategy = obj.spec.strategy ?? {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      };
    }
    if (type.kind === 'CustomResourceDefinition') {
      const names = obj.spec?.names ?? {};
      obj.status = {
        acceptedNames: {
          ...names,
          singular: names.singular ?? String(names.kind ?? '').toLowerCase(),
          listKind: names.listKind ?? `${names.kind}List`,
        },
        conditions: [
          {
            type: 'Established',
            status: 'True',
            reason: 'InitialNamesAccepted',
            message: 'the initial names have been accepted',
          },
        ],
        storedVersions: (obj.spec?.versions ?? []).filter((v) => v.storage).map((v) => v.name),
      };
    }
  }

  afterWrite(type, obj, op) {
    if (type.kind === 'CustomResourceDefinition')
      this.registry.rebuild(this.store.list('apiextensions.k8s.io/customresourcedefinitions'));
    if (type.kind === 'Namespace' && op === 'create') {
      const sa = this.registry.find('', 'v1', 'serviceaccounts');
      if (!this.store.get(typeKey(sa), obj.metadata.name, 'default'))
        this.store.create(typeKey(sa), { metadata: { name: 'default', namespace: obj.metadata.name } });
    }
  }

  existing(type, namespace, name) {
    const old = this.store.get(typeKey(type), type.namespaced ? namespace : undefined, name);
    if (!old) throw notFound(type, name);
    return old;
  }

  /** PUT: replaces the object (or only its status, for the status subresource). */
  update(type, namespace, name, body, { subresource, dryRun = false } = {}) {
    const old = this.existing(type, namespace, name);
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw badRequest('the body of the request must be a JSON object');
    if (body.metadata?.name && body.metadata.name !== name)
      throw badRequest(
        `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
      );
    const rv = body.metadata?.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(type, name);
    return this.replace(type, old, body, { subresource, dryRun });
  }

  replace(type, old, body, { subresource, dryRun }) {
    let obj;
    if (subresource === 'status') obj = { ...structuredClone(old), status: structuredClone(body.status) };
    else {
      obj = structuredClone(body);
      delete obj.apiVersion;
      delete obj.kind;
      if ((type.subresources ?? []).includes('status') && type.kind !== 'Namespace') {
        if (old.status === undefined) delete obj.status;
        else obj.status = structuredClone(old.status);
      }
    }
    const md = (obj.metadata = { ...(obj.metadata ?? {}) });
    md.name = old.metadata.name;
    if (type.namespaced) md.namespace = old.metadata.namespace;
    else delete md.namespace;
    md.uid = old.metadata.uid;
    md.creationTimestamp = old.metadata.creationTimestamp;
    if (type.kind === 'Namespace')
      md.labels = { ...(md.labels ?? {}), 'kubernetes.io/metadata.name': md.name };
    if (hasGeneration(type)) {
      const strip = (o) => JSON.stringify({ ...o, metadata: undefined, status: undefined });
      md.generation = (old.metadata.generation ?? 1) + (strip(obj) !== strip(old) ? 1 : 0);
    }
    if (
      JSON.stringify({ ...obj, metadata: { ...md, resourceVersion: undefined } }) ===
      JSON.stringify({ ...old, metadata: { ...old.metadata, resourceVersion: undefined } })
    ) {
      return old; // no change: the server does not bump resourceVersion
    }
    if (dryRun) return { ...obj, metadata: { ...md, resourceVersion: old.metadata.resourceVersion } };
    const stored = this.store.update(typeKey(type), obj);
    this.afterWrite(type, stored, 'update');
    return stored;
  }

  /** PATCH with one of the four patch content types. Server-side apply creates when absent. */
  patch(type, namespace, name, contentType, patchBody, { subresource, dryRun = false } = {}) {
    const ct = (contentType ?? '').split(';')[0].trim();
    const old = this.store.get(typeKey(type), type.namespaced ? namespace : undefined, name);
    if (ct === 'application/apply-patch+yaml') {
      if (!old)
        return {
          created: true,
          object: this.create(
            type,
            namespace,
            { ...patchBody, metadata: { ...(patchBody.metadata ?? {}), name } },
            { dryRun },
          ),
        };
    }
    if (!old) throw notFound(type, name);
    const current = {
      apiVersion: type.group ? `${type.group}/${type.storageVersion}` : 'v1',
      kind: type.kind,
      ...old,
    };
    let next;
    try {
      if (ct === 'application/json-patch+json') next = jsonPatch(current, patchBody);
      else if (ct === 'application/merge-patch+json') next = mergePatch(current, patchBody);
      else if (ct === 'application/strategic-merge-patch+json') {
        if (type.crd) throw unsupported();
        next = strategicMergePatch(current, patchBody);
      } else if (ct === 'application/apply-patch+yaml')
        next = type.crd ? mergePatch(current, patchBody) : strategicMergePatch(current, patchBody);
      else throw unsupported();
    } catch (e) {
      if (e instanceof PatchError) throw new ApiError(422, 'Invalid', e.message);
      throw e;
    }
    if (!next || typeof next !== 'object') throw badRequest('the patch result is not an object');
    if (next.metadata?.uid && next.metadata.uid !== old.metadata.uid) throw conflict(type, name);
    const rv = next.metadata?.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(type, name);
    return { created: false, object: this.replace(type, old, next, { subresource, dryRun }) };
  }

  /** DELETE: removes the object; deleting a namespace removes what is in it. */
  delete(type, namespace, name, { dryRun = false } = {}) {
    const old = this.existing(type, namespace, name);
    if (dryRun) return old;
    if (type.kind === 'Namespace') {
      for (const t of this.registry.types.filter((x) => x.namespaced)) {
        for (const o of this.store.list(typeKey(t), name))
          this.store.delete(typeKey(t), name, o.metadata.name);
      }
    }
    const gone = this.store.delete(typeKey(type), type.namespaced ? namespace : undefined, name);
    if (type.kind === 'CustomResourceDefinition') {
      const crdType = this.registry.types.find((t) => t.crd && `${t.plural}.${t.group}` === name);
      if (crdType)
        for (const o of this.store.list(typeKey(crdType)))
          this.store.delete(typeKey(crdType), o.metadata.namespace, o.metadata.name);
      this.afterWrite(type, gone, 'delete');
    }
    return gone;
  }
}

function unsupported() {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
  );
}
