import { ClusterConnection } from '../cluster/connection';
import { ClusterSource } from '../service/cluster/source';

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
    await firstListsDone(connection, 5000);
    writeErr(
      `istio-lint: read ${where} (${istio})${status.forbiddenKinds?.length ? `; not allowed to read ${status.forbiddenKinds.join(', ')}` : ''}\n`,
    );
    return { connection };
  }
  writeErr(`istio-lint: ${where} ${status.state}: ${status.message}\n`);
  await connection.stop();
  return { code: 2, connection };
}

/** The connected cluster as a source for the workspace checks. */
export function clusterSource(connection: ClusterConnection): ClusterSource {
  return new ClusterSource(connection.store);
}

/**
 * Waits until no kind is still in its first list: the Istio kinds' reflectors start only once the
 * CRD list is in, after the fixed kinds. Bounded; a kind still syncing afterwards is simply not
 * complete, so checks that need it say so instead of reporting.
 */
function firstListsDone(connection: ClusterConnection, ms: number): Promise<void> {
  const store = connection.store;
  const busy = (): boolean => store.kindStates().some(([, s]) => s === 'syncing');
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
    const timer = setTimeout(finish, ms);
    const sub = store.onDidChange(() => {
      if (!busy()) finish();
    });
    if (!busy()) queueMicrotask(() => (busy() ? undefined : finish()));
  });
}
