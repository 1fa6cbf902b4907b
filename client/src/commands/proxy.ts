import * as vscode from 'vscode';
import {
  GET_PODS_ARGS,
  PROXY_CONFIG_TYPES,
  PROXY_STATUS_ARGS,
  proxyConfigArgs,
  type ProxyConfigType,
} from '../istioctl/argv';
import { succeeded } from '../istioctl/process';
import { parsePodsWithSidecar, parseProxyStatus } from '../istioctl/parsers';
import type { OutputDocuments } from '../output/outputDocuments';
import type { Workflow } from './workflow';

const TYPE_NOTES: Record<ProxyConfigType, string> = {
  cluster: 'upstream clusters (services, subsets, DestinationRules)',
  listener: 'the ports and filter chains the proxy listens on',
  route: 'HTTP routes (from VirtualServices)',
  endpoint: 'the endpoints of each cluster and their health',
  secret: 'certificates the proxy holds',
};

/** `istioctl proxy-status`, shown in a read-only editor. */
export async function proxyStatus(w: Workflow, docs: OutputDocuments): Promise<void> {
  if (!w.requireTrust('Proxy Status')) return;
  const istioctl = await w.tool('istioctl');
  if (!istioctl) return;
  const r = await w.withProgress('Reading proxy status', (_p, signal) =>
    w.run('istioctl', istioctl, PROXY_STATUS_ARGS, { signal }),
  );
  if (r.cancelled) return;
  if (!succeeded(r)) {
    w.reportFailure('proxy-status failed', r);
    return;
  }
  await docs.show('/proxy-status.txt', r.stdout, { language: 'plaintext' });
}

/** The proxies to choose from: proxy-status first, kubectl's pod list when that gives nothing. */
async function proxies(
  w: Workflow,
  istioctl: string,
  signal: AbortSignal,
): Promise<{ label: string; description?: string }[] | undefined> {
  const r = await w.run('istioctl', istioctl, PROXY_STATUS_ARGS, { signal });
  if (r.cancelled) return undefined;
  const rows = succeeded(r) ? parseProxyStatus(r.stdout) : [];
  if (rows.length)
    return rows.map((row) => ({
      label: row.name,
      description: [row.version, row.istiod].filter(Boolean).join(' · '),
    }));
  const kubectl = await w.tool('kubectl');
  if (!kubectl) return undefined;
  const pods = await w.run('kubectl', kubectl, GET_PODS_ARGS, { signal });
  if (pods.cancelled) return undefined;
  if (!succeeded(pods)) {
    w.reportFailure('cannot list pods', pods);
    return undefined;
  }
  try {
    return parsePodsWithSidecar(pods.stdout).map((p) => ({
      label: p,
      description: 'has an istio-proxy container',
    }));
  } catch (err) {
    void vscode.window.showErrorMessage(`Istio: cannot read the pod list: ${String(err)}`);
    return undefined;
  }
}

/** `istioctl proxy-config <type> <pod> -o json`, pretty-printed in a read-only editor. */
export async function proxyConfig(w: Workflow, docs: OutputDocuments): Promise<void> {
  if (!w.requireTrust('Proxy Config')) return;
  const istioctl = await w.tool('istioctl');
  if (!istioctl) return;
  const items = await w.withProgress('Finding proxies', (_p, signal) => proxies(w, istioctl, signal));
  if (!items) return;
  if (!items.length) {
    void vscode.window.showInformationMessage('Istio: no pod with an istio-proxy sidecar was found.');
    return;
  }
  const pod = await vscode.window.showQuickPick(items, {
    title: 'Istio: Proxy Config: pod',
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!pod) return;
  const typePick = await vscode.window.showQuickPick(
    PROXY_CONFIG_TYPES.map((t) => ({ label: t, description: TYPE_NOTES[t], type: t })),
    { title: `Istio: Proxy Config of ${pod.label}`, ignoreFocusOut: true },
  );
  if (!typePick) return;
  const args = proxyConfigArgs(typePick.type, pod.label);
  const r = await w.withProgress(`Reading ${typePick.type} config of ${pod.label}`, (_p, signal) =>
    w.run('istioctl', istioctl, args, { signal }),
  );
  if (r.cancelled) return;
  if (!succeeded(r)) {
    w.reportFailure(`proxy-config ${typePick.type} failed`, r);
    return;
  }
  let text = r.stdout;
  let language = 'plaintext';
  try {
    text = JSON.stringify(JSON.parse(r.stdout), null, 2) + '\n';
    language = 'json';
  } catch {
    w.output.warn('proxy-config did not print JSON; showing it as it is.');
  }
  await docs.show(`/proxy-config/${pod.label}/${typePick.type}.json`, text, { language });
}
