/**
 * Shared by IST0128 and IST0129 (destinationrule.CaCertificateAnalyzer): a SIMPLE or MUTUAL TLS
 * setting that gives the sidecar nothing to verify the server's certificate with.
 */
import type { PathSegment } from '../../yaml/nodes';
import type { RuleContext } from '../rule';
import { fieldPath, obj, type Obj } from './values';

const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v !== '';

/**
 * Reports `tls` at `path` when its mode is SIMPLE or MUTUAL and it has no caCertificates, unless a
 * credentialName is set on a DestinationRule with a workloadSelector (the Secret may then hold the CA).
 */
export function checkCaCertificates(
  ctx: RuleContext,
  tls: Obj | undefined,
  path: PathSegment[],
  port?: unknown,
): void {
  const mode = tls?.mode;
  if (!tls || (mode !== 'SIMPLE' && mode !== 'MUTUAL')) return;
  if (nonEmpty(tls.caCertificates)) return;
  const spec = obj(ctx.value.spec);
  const selected = spec?.workloadSelector !== undefined && spec.workloadSelector !== null;
  if (nonEmpty(tls.credentialName) && selected) return;
  const host = typeof spec?.host === 'string' ? spec.host : '';
  const where = port === undefined ? '' : ` on port ${portText(port)}`;
  ctx.report(
    [...path, 'mode'],
    `${fieldPath(path)}: TLS mode ${mode} without caCertificates: the certificate that ${host || 'the host'} presents${where} is not verified.`,
    { on: 'value' },
  );
}

function portText(port: unknown): string {
  const n = obj(port)?.number;
  return typeof n === 'number' ? String(n) : 'unset';
}
