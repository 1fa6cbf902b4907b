/**
 * Explanations of the engine's built-in diagnostic codes, shown on hover over a diagnostic and in the
 * README. Semantic rules carry their own explanation (rules/rule.ts).
 */
export const BUILTIN_EXPLANATIONS: Record<string, { title: string; explanation: string }> = {
  'yaml-syntax': {
    title: 'YAML syntax error',
    explanation:
      'The document is not valid YAML, so neither kubectl nor Istio can read it. Fix the syntax first; the other documents of the file are still checked.',
  },
  'yaml-alias-bomb': {
    title: 'Aliases expand without bound',
    explanation:
      'Anchors and aliases that refer to each other can expand to millions of nodes (the "billion laughs" attack). The document is not validated; write the values out instead.',
  },
  'yaml-cyclic-alias': {
    title: 'Alias inside its own anchor',
    explanation:
      'An alias (`*name`) sits inside the node its anchor (`&name`) marks, so the value contains itself and never ends. Kubernetes cannot decode it. The document is not checked further; write the value out, or anchor a node that does not contain the alias.',
  },
  'too-many-findings': {
    title: 'Findings left out',
    explanation:
      'To keep the editor responsive, a document shows at most 100 findings of one check and 1,000 in all. This diagnostic says how many were left out, and of which codes. Fix the ones shown and the rest appear.',
  },
  'check-failed': {
    title: 'A check could not run',
    explanation:
      'One check threw an error on this document, so its findings are missing; every other check ran. This is a bug in Istio Authoring: the error is in the Istio output channel (or on stderr for istio-lint). Please report it with the document.',
  },
  'yaml-too-deep': {
    title: 'Nesting too deep',
    explanation: 'The document nests far deeper than any Istio resource does, so it was not validated.',
  },
  'helm-template': {
    title: 'Template skipped',
    explanation:
      'The document contains Helm or Go template actions (`{{ … }}`). Its final shape is only known after rendering, so it is not checked. Validate the rendered output instead: write `helm template` output to a folder and run istio-lint on it.',
  },
  'file-too-large': {
    title: 'File too large',
    explanation:
      'Files over `istio.validation.maxFileSizeMB` are not validated, to keep the editor responsive. Raise the setting to validate this file.',
  },
  'binary-content': {
    title: 'Binary content',
    explanation: 'The file contains NUL bytes, so it is not YAML text. It was not validated.',
  },
  'unknown-top-level-key': {
    title: 'Unknown top-level key',
    explanation:
      'A Kubernetes resource has only `apiVersion`, `kind`, `metadata`, `spec` and `status` at the top level. Anything else is dropped by the API server; it is usually a field that was meant to be indented under `spec`.',
  },
  'unknown-kind': {
    title: 'Unknown kind',
    explanation:
      'This API group has no such kind in Istio 1.30, so `kubectl apply` fails with "no matches for kind". Check the spelling and capitalisation.',
  },
  'unserved-version': {
    title: 'Version not served',
    explanation:
      'The kind exists, but not at this API version, so `kubectl apply` fails with "no matches for kind". Use one of the served versions; `v1` is the stable one for most networking and security kinds.',
  },
  'unknown-field': {
    title: 'Unknown field',
    explanation:
      'The field is not part of the schema. The API server prunes unknown fields silently, so a typo such as `wieght` changes traffic without any error at apply time. Rename it to the intended field or remove it.',
  },
  'missing-required-field': {
    title: 'Missing required field',
    explanation: 'The schema requires this field; the API server rejects the resource without it.',
  },
  'invalid-type': {
    title: 'Wrong type',
    explanation:
      'The value has the wrong YAML type, for example a number where a string is expected. Quote strings that look like numbers, and write durations with a unit (`1s`).',
  },
  'invalid-enum': {
    title: 'Invalid value',
    explanation: 'The field accepts only the listed values, which are case-sensitive.',
  },
  'mutually-exclusive': {
    title: 'Mutually exclusive fields',
    explanation:
      'The schema allows only one of these fields at a time. Keep the one you mean and remove the others.',
  },
  'out-of-range': {
    title: 'Value out of range',
    explanation:
      'The value is outside the bounds the schema allows (a number range, a length, or a count of items).',
  },
  'invalid-format': {
    title: 'Invalid format',
    explanation:
      'The value does not have the shape the schema requires (a pattern or a format such as a 32-bit integer).',
  },
  'cel-rule': {
    title: 'CRD validation rule failed',
    explanation:
      "The CRD carries CEL rules (`x-kubernetes-validations`) that the API server evaluates on every create and update. This value breaks one of them, so `kubectl apply` would be rejected with the rule's message.",
  },
  'cel-evaluation-error': {
    title: 'CRD validation rule could not be evaluated',
    explanation:
      "Evaluating one of the CRD's CEL rules failed at run time (for example `duration()` or `int()` of a text that is not one). The API server reports this evaluation error, naming the rule, instead of the rule's own message.",
  },
  'unused-suppression': {
    title: 'Suppression matches nothing',
    explanation:
      'An `# istio-lint-disable…` comment names a code that no diagnostic on its target line (or in the file) has. It may be left over from a fixed problem, or the code may be misspelled.',
  },
  'schema-violation': {
    title: 'Schema violation',
    explanation: 'The value does not match the CRD schema.',
  },
};
