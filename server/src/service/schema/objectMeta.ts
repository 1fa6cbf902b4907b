import type { SchemaNode } from './catalog';

const stringMap: SchemaNode = { type: 'object', additionalProperties: { type: 'string' } };

/**
 * Kubernetes ObjectMeta, which the CRD schemas leave out. The API server checks it for every kind, so
 * the engine checks it too: unknown keys are pruned just like unknown spec fields.
 */
export const OBJECT_META: SchemaNode = {
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 253 },
    generateName: { type: 'string' },
    namespace: { type: 'string', maxLength: 63 },
    labels: stringMap,
    annotations: stringMap,
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    generation: { type: 'integer' },
    creationTimestamp: { type: 'string', nullable: true },
    deletionTimestamp: { type: 'string', nullable: true },
    deletionGracePeriodSeconds: { type: 'integer' },
    selfLink: { type: 'string' },
    finalizers: { type: 'array', items: { type: 'string' } },
    ownerReferences: {
      type: 'array',
      items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
    managedFields: { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
  },
};
