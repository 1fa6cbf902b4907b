// Status objects, the API server's error replies.

export class ApiError extends Error {
  constructor(code, reason, message, details) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }
}

export function status(code, reason, message, details) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** "pods" or "deployments.apps": how messages name a resource. */
export function qualified(type) {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

export const notFound = (type, name) =>
  new ApiError(404, 'NotFound', `${qualified(type)} "${name}" not found`, {
    name,
    ...(type.group ? { group: type.group } : {}),
    kind: type.plural,
  });

export const alreadyExists = (type, name) =>
  new ApiError(409, 'AlreadyExists', `${qualified(type)} "${name}" already exists`, {
    name,
    ...(type.group ? { group: type.group } : {}),
    kind: type.plural,
  });

export const conflict = (type, name) =>
  new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    {
      name,
      ...(type.group ? { group: type.group } : {}),
      kind: type.plural,
    },
  );

export const badRequest = (message) => new ApiError(400, 'BadRequest', message);

export function invalid(type, name, causes) {
  const list = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  return new ApiError(
    422,
    'Invalid',
    `${type.kind}${type.group ? '.' + type.group : ''} "${name}" is invalid: ${list}`,
    {
      name,
      ...(type.group ? { group: type.group } : {}),
      kind: type.kind,
      causes: causes.map((c) => ({
        reason: c.reason ?? 'FieldValueInvalid',
        message: c.message,
        field: c.field,
      })),
    },
  );
}
