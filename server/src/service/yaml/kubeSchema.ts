import type { ParseOptions, DocumentOptions, SchemaOptions, ScalarTag } from 'yaml';
import { resolvePlain, resolveTagged, type GoScalar } from './goScalar';

const TAG = 'tag:yaml.org,2002:';

/** yaml's tag tests are RegExps; this one asks the go-yaml resolver instead. */
function kindTest(kind: GoScalar['kind']): RegExp {
  return { test: (s: string) => resolvePlain(s).kind === kind } as unknown as RegExp;
}

function tag(kind: 'bool' | 'int' | 'float', identify: (v: unknown) => boolean): ScalarTag {
  return {
    tag: TAG + kind,
    default: true,
    test: kindTest(kind),
    identify,
    resolve(text: string, onError: (message: string) => void): unknown {
      const r = resolveTagged(TAG + kind, text);
      if ('error' in r) {
        onError(r.error);
        return text;
      }
      return r.value;
    },
    stringify: (item) => String(item.value),
  };
}

const nullTag: ScalarTag = {
  tag: `${TAG}null`,
  default: true,
  test: kindTest('null'),
  identify: (v) => v === null || v === undefined,
  resolve: () => null,
  stringify: () => 'null',
};

/**
 * The scalar tags of the AST: the failsafe schema (strings, maps, sequences) plus null, bool, int and
 * float resolved exactly as go-yaml v2 resolves them. The AST that hover, completion and the rules read
 * therefore holds the same scalars as the decoded value, and a quick fix that writes a string quotes it
 * when go-yaml would otherwise read something else.
 */
export const KUBE_YAML_TAGS: ScalarTag[] = [
  nullTag,
  tag('bool', (v) => typeof v === 'boolean'),
  tag('int', (v) => typeof v === 'number' && Number.isInteger(v)),
  tag('float', (v) => typeof v === 'number'),
];

/** Options for every parse of a Kubernetes document. Duplicate keys and merges are handled by decode.ts. */
export const KUBE_PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'failsafe',
  customTags: KUBE_YAML_TAGS,
  merge: false,
  uniqueKeys: false,
  prettyErrors: false,
  keepSourceTokens: false,
};
