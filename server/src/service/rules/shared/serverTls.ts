/**
 * Server-side TLS settings (Gateway `servers[].tls`, Sidecar `ingress[].tls`), checked like Istio's
 * validateTLSOptions. Each check is built into one rule per kind by `serverTlsRule`.
 */
import type { PathSegment } from '../../yaml/nodes';
import type { Fix, Severity } from '../../types';
import type { Rule, RuleContext } from '../rule';
import { firstKeyPath } from './anchor';
import { insertFieldFix, removeFieldFix } from './safeEdits';
import { fieldPath, list, type Obj } from './values';

export interface TlsAt {
  path: PathSegment[];
  tls: Obj;
}

const VALID_CIPHERS = new Set([
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-AES128-SHA',
  'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA',
  'ECDHE-RSA-AES256-SHA',
  'AES128-GCM-SHA256',
  'AES256-GCM-SHA384',
  'AES128-SHA',
  'AES256-SHA',
  'DES-CBC3-SHA',
]);

/** Istio's IsValidCipherSuite: known names, "" and "ALL", and expressions starting with an operator. */
export function isValidCipherSuite(cs: string): boolean {
  if (cs === '' || cs === 'ALL') return true;
  if (!/^[\p{L}\p{N}]/u.test(cs)) return true;
  return VALID_CIPHERS.has(cs);
}

/** The TLS mode; PASSTHROUGH is the default. */
export const modeOf = (tls: Obj): string => (typeof tls.mode === 'string' ? tls.mode : 'PASSTHROUGH');
const filled = (tls: Obj, f: string): boolean => typeof tls[f] === 'string' && tls[f] !== '';
const nonEmpty = (tls: Obj, f: string): boolean => list(tls[f]).length > 0;
/** A certificate-related field that Go sees as set. */
export const isSet = (tls: Obj, f: string): boolean =>
  f === 'tlsCertificates' || f === 'credentialNames' ? nonEmpty(tls, f) : filled(tls, f);

type Report = (
  path: PathSegment[],
  message: string,
  extra?: {
    on?: 'key' | 'value';
    related?: { path: PathSegment[]; message: string; on?: 'key' | 'value' }[];
    fixes?: (Fix | undefined)[];
  },
) => void;

interface Check {
  suffix: string;
  severity: Severity;
  title: string;
  explanation: string;
  run(at: TlsAt, report: Report, ctx: RuleContext): void;
}

/** Removes serverCertificate and privateKey together. */
function removeBoth(ctx: RuleContext, path: PathSegment[]): Fix | undefined {
  const title = 'Remove serverCertificate and privateKey';
  const a = removeFieldFix(ctx, [...path, 'serverCertificate'], title);
  const b = removeFieldFix(ctx, [...path, 'privateKey'], title);
  if (!a || !b) return undefined;
  const [x, y] = [a.edits[0].range, b.edits[0].range];
  if (x.start < y.end && y.start < x.end) return undefined;
  return { title, preferred: false, edits: [...a.edits, ...b.edits] };
}

const modeRelated = (at: TlsAt): { path: PathSegment[]; message: string; on: 'value' }[] =>
  at.tls.mode === undefined
    ? []
    : [{ path: [...at.path, 'mode'], message: `mode is ${modeOf(at.tls)}`, on: 'value' }];

const CHECKS: Check[] = [
  {
    suffix: 'tls-old-version-without-ciphers',
    severity: 'warning',
    title: 'TLS 1.0/1.1 allowed without cipher suites',
    explanation:
      '`minProtocolVersion` is TLSV1_0 or TLSV1_1, but `cipherSuites` is not set. The default cipher suites no longer include any that TLS 1.0/1.1 clients can use, so those clients still cannot connect. Istio accepts the settings with a warning.\n\nList cipher suites that the old clients support in `cipherSuites`, or raise `minProtocolVersion` to TLSV1_2.',
    run(at, report) {
      const v = at.tls.minProtocolVersion;
      if ((v === 'TLSV1_0' || v === 'TLSV1_1') && !nonEmpty(at.tls, 'cipherSuites')) {
        report(
          [...at.path, 'minProtocolVersion'],
          `${fieldPath(at.path)}.minProtocolVersion is ${v}, but no cipherSuites are set; the default suites do not support TLS versions below 1.2.`,
          { on: 'value' },
        );
      }
    },
  },
  {
    suffix: 'tls-cipher-suite-ignored',
    severity: 'warning',
    title: 'Unknown or repeated cipher suite',
    explanation:
      'An entry of `cipherSuites` is not a cipher suite Envoy supports, or repeats an earlier entry. Istio accepts the settings but ignores such entries, with a warning.\n\nUse OpenSSL-style names such as `ECDHE-RSA-AES128-GCM-SHA256`, each once.',
    run(at, report) {
      const seen = new Map<string, number>();
      list(at.tls.cipherSuites).forEach((cs, i) => {
        if (typeof cs !== 'string') return;
        const path = [...at.path, 'cipherSuites', i];
        if (!isValidCipherSuite(cs)) {
          report(path, `"${cs}" is not a supported cipher suite; Istio ignores it.`, { on: 'value' });
        } else if (seen.has(cs)) {
          report(path, `"${cs}" is listed twice; Istio ignores the repeat.`, {
            on: 'value',
            related: [
              {
                path: [...at.path, 'cipherSuites', seen.get(cs)!],
                message: 'first listed here',
                on: 'value',
              },
            ],
          });
        } else seen.set(cs, i);
      });
    },
  },
  {
    suffix: 'tls-istio-mutual-with-certs',
    severity: 'error',
    title: 'ISTIO_MUTUAL with certificate settings',
    explanation:
      'In `ISTIO_MUTUAL` mode the proxy uses the certificates Istio issues to the workload, so certificate fields (`serverCertificate`, `privateKey`, `caCertificates`, `tlsCertificates`, `credentialName`, `credentialNames`) have no place there. Istio rejects them.\n\nRemove the certificate fields, or use SIMPLE/MUTUAL mode to serve your own certificates.',
    run(at, report, ctx) {
      if (modeOf(at.tls) !== 'ISTIO_MUTUAL') return;
      for (const f of [
        'serverCertificate',
        'privateKey',
        'caCertificates',
        'tlsCertificates',
        'credentialName',
        'credentialNames',
      ]) {
        if (!isSet(at.tls, f)) continue;
        report(
          [...at.path, f],
          `${f} cannot be used with mode ISTIO_MUTUAL, which uses Istio's own certificates.`,
          {
            related: modeRelated(at),
            fixes: [removeFieldFix(ctx, [...at.path, f], `Remove ${f}`, true)],
          },
        );
      }
    },
  },
  {
    suffix: 'tls-passthrough-with-certs',
    severity: 'warning',
    title: 'Certificates in a passthrough mode are ignored',
    explanation:
      'In `PASSTHROUGH` and `AUTO_PASSTHROUGH` modes the proxy does not terminate TLS, so it never uses certificate settings. Istio accepts them with a warning that they will be ignored.\n\nNote that PASSTHROUGH is the default when `mode` is left out: to terminate TLS with these certificates, set `mode: SIMPLE` (or MUTUAL).',
    run(at, report, ctx) {
      const mode = modeOf(at.tls);
      if (mode !== 'PASSTHROUGH' && mode !== 'AUTO_PASSTHROUGH') return;
      const fields = [
        'credentialName',
        'credentialNames',
        'serverCertificate',
        'privateKey',
        'caCertificates',
        'tlsCertificates',
        'caCrl',
      ];
      const set = fields.filter((f) => isSet(at.tls, f));
      if (set.length === 0) return;
      const defaulted = at.tls.mode === undefined;
      report(
        [...at.path, set[0]],
        `${mode} mode${defaulted ? ' (the default, as mode is not set)' : ''} does not use certificates, so ${set.join(', ')} will be ignored.`,
        {
          related: modeRelated(at),
          fixes: defaulted
            ? [insertFieldFix(ctx, at.path, 'mode', 'SIMPLE', 'Set mode: SIMPLE to terminate TLS', false)]
            : [],
        },
      );
    },
  },
  {
    suffix: 'tls-multiple-cert-sources',
    severity: 'error',
    title: 'More than one certificate source',
    explanation:
      'A server takes its certificate from exactly one source: `credentialName`, `credentialNames`, `serverCertificate` with `privateKey`, or `tlsCertificates`. Istio rejects settings that combine them.\n\nKeep one source and remove the others. (The CRD schema itself reports some of the combinations.)',
    run(at, report, ctx) {
      const files = filled(at.tls, 'serverCertificate') && filled(at.tls, 'privateKey');
      const sources = ['credentialName', 'credentialNames', 'serverCertificate', 'tlsCertificates'].filter(
        (f) => (f === 'serverCertificate' ? files : isSet(at.tls, f)),
      );
      if (sources.length < 2) return;
      // Pairs the CRD's CEL rules already reject are not reported again.
      const uncovered = files || (sources.includes('credentialName') && sources.includes('tlsCertificates'));
      if (!uncovered) return;
      const first = files ? sources.find((f) => f !== 'serverCertificate')! : 'credentialName';
      const second = files ? 'serverCertificate' : 'tlsCertificates';
      report(
        [...at.path, second],
        `Only one certificate source may be set, but both ${first} and ${files ? 'serverCertificate/privateKey' : second} are.`,
        {
          related: [{ path: [...at.path, first], message: `${first} is also set` }],
          fixes: [
            removeFieldFix(ctx, [...at.path, first], `Remove ${first}`),
            files ? removeBoth(ctx, at.path) : removeFieldFix(ctx, [...at.path, second], `Remove ${second}`),
          ],
        },
      );
    },
  },
  {
    suffix: 'tls-missing-certs',
    severity: 'error',
    title: 'SIMPLE or MUTUAL TLS without certificates',
    explanation:
      "A server in `SIMPLE`, `MUTUAL` or `OPTIONAL_MUTUAL` mode terminates TLS, so it needs a certificate. Without `credentialName`/`credentialNames`, Istio requires `serverCertificate` and `privateKey` (in each `tlsCertificates` entry, when that list is used), and MUTUAL modes also need `caCertificates` to verify clients.\n\nThe usual fix is `credentialName: <secret>`, naming a Kubernetes TLS secret in the gateway's namespace.",
    run(at, report, ctx) {
      const mode = modeOf(at.tls);
      if (mode !== 'SIMPLE' && mode !== 'MUTUAL' && mode !== 'OPTIONAL_MUTUAL') return;
      if (isSet(at.tls, 'credentialName') || isSet(at.tls, 'credentialNames')) return;
      const modePath = [...at.path, 'mode'];
      const mutual = mode !== 'SIMPLE';
      if (mutual && !filled(at.tls, 'caCertificates')) {
        report(modePath, `${mode} TLS needs caCertificates (a client CA bundle) or a credentialName.`, {
          on: 'value',
        });
      }
      const entries = list(at.tls.tlsCertificates);
      if (entries.length > 0) {
        entries.forEach((e, i) => {
          const cert = e && typeof e === 'object' ? (e as Obj) : {};
          const missing = ['serverCertificate', 'privateKey'].filter((f) => !filled(cert, f));
          if (missing.length)
            report(
              firstKeyPath(ctx, [...at.path, 'tlsCertificates', i]),
              `This tlsCertificates entry needs ${missing.join(' and ')} for ${mode} TLS.`,
            );
        });
        return;
      }
      const missing = ['serverCertificate', 'privateKey'].filter((f) => !filled(at.tls, f));
      if (missing.length)
        report(modePath, `${mode} TLS needs a credentialName, or ${missing.join(' and ')}.`, { on: 'value' });
    },
  },
  {
    suffix: 'tls-crl-unsupported',
    severity: 'error',
    title: 'caCrl where it cannot be used',
    explanation:
      '`caCrl` (a certificate revocation list file) is rejected with `credentialName` (put the CRL into the credential secret instead) and in SIMPLE mode, where clients present no certificates to revoke.',
    run(at, report) {
      if (!filled(at.tls, 'caCrl')) return;
      const mode = modeOf(at.tls);
      if (mode === 'ISTIO_MUTUAL') return;
      const credentials = isSet(at.tls, 'credentialName') || isSet(at.tls, 'credentialNames');
      if ((mode === 'SIMPLE' || mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL') && credentials) return;
      if (isSet(at.tls, 'credentialName')) {
        report(
          [...at.path, 'caCrl'],
          'caCrl cannot be used with credentialName; put the CRL into the credential instead.',
          {
            related: [{ path: [...at.path, 'credentialName'], message: 'credentialName is set' }],
          },
        );
      }
      if (mode === 'SIMPLE')
        report(
          [...at.path, 'caCrl'],
          'caCrl cannot be used in SIMPLE mode, where clients present no certificate.',
          { related: modeRelated(at) },
        );
    },
  },
];

/** The server-TLS check names, for building one rule per kind. */
export const SERVER_TLS_CHECKS = CHECKS.map((c) => c.suffix);

/** Builds the rule `<prefix>-<check>` for a kind whose TLS blocks `locate` finds. */
export function serverTlsRule(
  check: string,
  prefix: string,
  kind: string,
  locate: (value: Obj) => TlsAt[],
): Rule {
  const c = CHECKS.find((x) => x.suffix === check);
  if (!c) throw new Error(`unknown server TLS check ${check}`);
  return {
    code: `${prefix}-${c.suffix}`,
    severity: c.severity,
    kinds: [kind],
    title: c.title,
    explanation: c.explanation,
    check(ctx) {
      for (const at of locate(ctx.value))
        c.run(at, (path, message, extra) => ctx.report(path, message, extra), ctx);
    },
  };
}
