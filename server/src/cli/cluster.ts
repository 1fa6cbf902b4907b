import { ClusterConnection } from '../cluster/connection';

/**
 * `istio-lint --context NAME` and `--kubeconfig FILE`: the CLI reads the cluster only when one of
 * them is given. It connects once (list, no watch), and when the cluster cannot be reached or
 * refuses the credentials it says which and exits 2, within the request timeout, reporting nothing
 * it could not check.
 */
export interface CliClusterOptions {
  context?: string;
  kubeconfig?: string;
}

/** Takes `--context`/`--kubeconfig` (with `=` or a separate value) out of argv. */
export function splitClusterArgs(argv: string[]): {
  rest: string[];
  options?: CliClusterOptions;
  error?: string;
} {
  const rest: string[] = [];
  let options: CliClusterOptions | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--(context|kubeconfig)(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (!value || (m[2] === undefined && value.startsWith('-')))
      return { rest, error: `--${m[1]} needs a value` };
    options = { ...options, [m[1]]: value };
  }
  return options ? { rest, options } : { rest };
}

/** Connects; returns 2 after writing why when the cluster cannot be used, else undefined. */
export async function connectForCli(
  options: CliClusterOptions,
  writeErr: (s: string) => void,
  env: { KUBECONFIG?: string; home?: string } = { KUBECONFIG: process.env.KUBECONFIG },
): Promise<{ code?: 2; connection: ClusterConnection }> {
  const connection = new ClusterConnection({ log: () => undefined, env });
  const status = await connection.connectOnce({
    settings: { enabled: 'on', kubeconfig: '' },
    trusted: true,
    disconnected: false,
    ...(options.context ? { context: options.context } : {}),
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
  });
  const where = status.context ? `cluster context "${status.context}"` : 'cluster';
  if (status.state === 'connected' || status.state === 'forbidden') {
    const istio = status.istioVersion ? `Istio ${status.istioVersion}` : 'no istiod found';
    writeErr(
      `istio-lint: read ${where} (${istio})${status.forbiddenKinds?.length ? `; not allowed to read ${status.forbiddenKinds.join(', ')}` : ''}\n`,
    );
    return { connection };
  }
  writeErr(`istio-lint: ${where} ${status.state}: ${status.message}\n`);
  await connection.stop();
  return { code: 2, connection };
}
