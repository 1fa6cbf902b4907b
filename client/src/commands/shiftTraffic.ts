import * as vscode from 'vscode';
import { applyStdinArgs } from '../istioctl/argv';
import { succeeded } from '../istioctl/process';
import {
  currentPercents,
  describeRoute,
  documentRoutes,
  routeAt,
  sameRef,
  setWeights as setRouteWeights,
  splittable,
  toRange,
  type TrafficRoute,
  type TrafficRouteRef,
} from '../traffic/routes';
import { PRESETS, canaryPlan, formatSplit, parseCustomWeights } from '../traffic/weights';
import { displayName, openDocument } from './files';
import type { Workflow } from './workflow';

export const APPLY = 'Apply to Cluster…';
const CUSTOM = 'Custom…';
const CANARY = 'Canary rollout…';

type SplitChoice = { kind: 'split'; weights: number[] } | { kind: 'canary' };

function isRouteRef(v: unknown): v is TrafficRouteRef {
  const r = v as TrafficRouteRef | undefined;
  return (
    !!r &&
    typeof r.doc === 'number' &&
    typeof r.index === 'number' &&
    ['http', 'tcp', 'tls'].includes(r.section)
  );
}

/** The document and route to work on: from the CodeLens arguments, or the cursor of the active editor. */
async function resolveRoute(
  w: Workflow,
  uri?: vscode.Uri,
  ref?: unknown,
): Promise<{ doc: vscode.TextDocument; route: TrafficRoute } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const doc =
    uri instanceof vscode.Uri
      ? (openDocument(uri) ?? (await vscode.workspace.openTextDocument(uri)))
      : editor?.document;
  if (!doc) {
    void vscode.window.showInformationMessage(
      'Istio: open a VirtualService and put the cursor in a route with two or more destinations.',
    );
    return undefined;
  }
  let routes: TrafficRoute[];
  try {
    routes = splittable(await documentRoutes(w.c, doc));
  } catch (err) {
    void vscode.window.showErrorMessage(
      `Istio: cannot read the routes of ${displayName(doc.uri)}: ${String(err)}`,
    );
    return undefined;
  }
  let route = isRouteRef(ref) ? routes.find((r) => sameRef(r.ref, ref)) : undefined;
  if (!route && editor && editor.document === doc) route = routeAt(routes, editor.selection.active);
  if (!route && routes.length === 1) route = routes[0];
  if (!route && routes.length > 1) {
    const pick = await vscode.window.showQuickPick(
      routes.map((r) => ({
        label: describeRoute(r),
        description: `${r.destinations.map((d) => d.label).join(', ')}: ${r.split}`,
        r,
      })),
      { title: 'Istio: Shift Traffic: which route?' },
    );
    route = pick?.r;
    if (!route) return undefined;
  }
  if (!route) {
    void vscode.window.showInformationMessage(
      `Istio: ${displayName(doc.uri)} has no VirtualService route with two or more destinations.`,
    );
    return undefined;
  }
  return { doc, route };
}

async function chooseSplit(route: TrafficRoute): Promise<SplitChoice | undefined> {
  const n = route.destinations.length;
  const current = currentPercents(route);
  const items: (vscode.QuickPickItem & { weights?: number[] })[] = [];
  if (n === 2) {
    for (const [a, b] of PRESETS) {
      const isCurrent = current[0] === a && current[1] === b;
      items.push({
        label: `${a}/${b}`,
        description: `${route.destinations[0].label} ${a}%, ${route.destinations[1].label} ${b}%${isCurrent ? ' (current)' : ''}`,
        weights: [a, b],
      });
    }
  }
  items.push(
    {
      label: CUSTOM,
      description: n === 2 ? "enter the first destination's share" : `enter ${n} shares, separated by commas`,
    },
    {
      label: CANARY,
      description:
        'step by N% every M seconds until one destination has 100%, applying each step to the cluster',
    },
  );
  const pick = await vscode.window.showQuickPick(items, {
    title: `Istio: Shift Traffic: ${describeRoute(route)} (now ${route.split})`,
    ignoreFocusOut: true,
  });
  if (!pick) return undefined;
  if (pick.weights) return { kind: 'split', weights: pick.weights };
  if (pick.label === CANARY) return { kind: 'canary' };
  const input = await vscode.window.showInputBox({
    title: `Istio: custom split for ${route.destinations.map((d) => d.label).join(', ')}`,
    prompt:
      n === 2
        ? "The first destination's share (0-100), or both shares like 30,70."
        : `${n} whole numbers separated by commas, adding up to 100.`,
    value: formatSplit(current).replace(/\//g, ','),
    ignoreFocusOut: true,
    validateInput: (v) => {
      const r = parseCustomWeights(v, n);
      return typeof r === 'string' ? r : undefined;
    },
  });
  if (input === undefined) return undefined;
  const parsed = parseCustomWeights(input, n);
  return typeof parsed === 'string' ? undefined : { kind: 'split', weights: parsed };
}

/** Sets the weights of one route with a single WorkspaceEdit (one undo step), edits from the server. */
export async function setWeights(
  w: Workflow,
  doc: vscode.TextDocument,
  ref: TrafficRouteRef,
  weights: readonly number[],
): Promise<boolean> {
  try {
    return await setRouteWeights(w.c, doc, ref, weights);
  } catch (err) {
    w.output.error(`Shift Traffic: ${String(err)}`);
    return false;
  }
}

/** The text of the route's VirtualService document (only that resource is applied), as saved. */
async function virtualServiceText(
  w: Workflow,
  doc: vscode.TextDocument,
  ref: TrafficRouteRef,
): Promise<{ text: string; label: string } | undefined> {
  const route = (await documentRoutes(w.c, doc)).find((r) => sameRef(r.ref, ref));
  if (!route) return undefined;
  const text = doc.getText(toRange(route.documentRange));
  const ns = route.namespace ? `${route.namespace}/` : '';
  return { text, label: `VirtualService ${ns}${route.virtualService || '(no name)'}` };
}

/** The confirmation's lines: what is applied, exactly (the resource and its YAML), and the command. */
function applyDetail(
  w: Workflow,
  kubectl: string,
  args: string[],
  doc: vscode.TextDocument,
  what: { text: string; label: string },
): string[] {
  const lines = what.text
    .replace(/^---[^\n]*\n/, '')
    .replace(/\s+$/, '')
    .split('\n');
  const shown = lines.length > 60 ? [...lines.slice(0, 60), `… (${lines.length - 60} more lines)`] : lines;
  return [
    `${w.display(kubectl, args)}   (stdin: only ${what.label} from ${displayName(doc.uri)}; the file's other resources are not applied)`,
    '',
    'Applied:',
    ...shown,
  ];
}

/**
 * Saves the file, confirms (naming the context and showing the resource) and applies only the edited
 * VirtualService: `kubectl apply -f - --context CTX` with that document on stdin.
 */
async function applyToCluster(w: Workflow, doc: vscode.TextDocument, ref: TrafficRouteRef): Promise<void> {
  if (!w.requireTrust('Shift Traffic: apply to the cluster')) return;
  if (doc.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('Istio: save the file to disk before applying it to the cluster.');
    return;
  }
  const kubectl = await w.tool('kubectl');
  if (!kubectl) return;
  const context = await w.currentContext(kubectl);
  if (!context) return;
  const args = applyStdinArgs(context);
  const what = await virtualServiceText(w, doc, ref);
  if (!what) {
    void vscode.window.showErrorMessage(
      'Istio: the route is no longer in the document; nothing was applied.',
    );
    return;
  }
  const ok = await w.confirmClusterChange(
    `Apply ${what.label} (from ${displayName(doc.uri)}) to the cluster of kube context "${context}"?`,
    context,
    applyDetail(w, kubectl, args, doc, what),
    'Apply',
  );
  if (!ok) return;
  if (!(await saved(doc))) {
    void vscode.window.showErrorMessage(
      `Istio: ${displayName(doc.uri)} could not be saved; nothing was applied.`,
    );
    return;
  }
  const input = (await virtualServiceText(w, doc, ref))?.text ?? what.text;
  const r = await w.withProgress(`Applying ${what.label}`, (_p, signal) =>
    w.run('kubectl', kubectl, args, { signal, logStdout: true, input }),
  );
  if (r.cancelled) return;
  if (succeeded(r))
    void vscode.window.showInformationMessage(
      `Istio: applied ${what.label} to "${context}": ${r.stdout.trim().split('\n').join(', ')}`,
    );
  else w.reportFailure(`kubectl apply of ${what.label} failed`, r);
}

/** Step by step until the chosen destination has 100%: edit, save, apply, wait; cancellable. */
async function canary(w: Workflow, doc: vscode.TextDocument, route: TrafficRoute): Promise<void> {
  if (!w.requireTrust('Shift Traffic: canary rollout')) return;
  if (doc.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(
      'Istio: a canary rollout applies the file to the cluster; save it to disk first.',
    );
    return;
  }
  const current = currentPercents(route);
  const order = route.destinations
    .map((d, i) => ({ d, i }))
    .sort((a, b) => current[a.i] - current[b.i] || a.i - b.i);
  const targetPick = await vscode.window.showQuickPick(
    order.map(({ d, i }) => ({ label: d.label, description: `now ${current[i]}%`, i })),
    { title: 'Istio: canary: the new version (it ends with 100%)', ignoreFocusOut: true },
  );
  if (!targetPick) return;
  const s = w.settings(doc.uri).canary;
  const int = (v: string, min: number, max: number): string | undefined =>
    /^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max
      ? undefined
      : `Enter a whole number from ${min} to ${max}.`;
  const step = await vscode.window.showInputBox({
    title: 'Istio: canary: step (percentage points)',
    value: String(s.stepPercent),
    validateInput: (v) => int(v, 1, 100),
    ignoreFocusOut: true,
  });
  if (step === undefined) return;
  const interval = await vscode.window.showInputBox({
    title: 'Istio: canary: seconds between steps',
    value: String(s.intervalSeconds),
    validateInput: (v) => int(v, 0, 3600),
    ignoreFocusOut: true,
  });
  if (interval === undefined) return;
  const plan = canaryPlan(current, targetPick.i, Number(step));
  if (!plan.length) {
    void vscode.window.showInformationMessage(`Istio: ${targetPick.label} already has 100%.`);
    return;
  }
  const kubectl = await w.tool('kubectl');
  if (!kubectl) return;
  const context = await w.currentContext(kubectl);
  if (!context) return;
  const args = applyStdinArgs(context);
  const what = await virtualServiceText(w, doc, route.ref);
  if (!what) return;
  const ok = await w.confirmClusterChange(
    `Canary rollout of ${targetPick.label} in kube context "${context}": ${plan.length} step(s), every ${interval} s?`,
    context,
    [
      `Each step edits ${displayName(doc.uri)}, saves it and applies only ${what.label}:`,
      `Splits: ${plan.map(formatSplit).join(' → ')}`,
      ...applyDetail(w, kubectl, args, doc, what),
    ],
    'Start Rollout',
  );
  if (!ok) return;
  const ms = Number(interval) * 1000;
  const outcome = await w.withProgress(`Canary rollout of ${targetPick.label}`, async (progress, signal) => {
    let done = 0;
    for (const weights of plan) {
      if (signal.aborted) return { done, stopped: 'cancelled' as const };
      const still = (await documentRoutes(w.c, doc)).find((r) => sameRef(r.ref, route.ref));
      if (!still || still.destinations.length !== weights.length)
        return { done, stopped: 'the route changed in the editor' };
      if (!(await setWeights(w, doc, route.ref, weights)) || !(await saved(doc)))
        return { done, stopped: 'the file could not be edited or saved' };
      const step = await virtualServiceText(w, doc, route.ref);
      if (!step) return { done, stopped: 'the route changed in the editor' };
      const r = await w.run('kubectl', kubectl, args, { signal, logStdout: true, input: step.text });
      if (r.cancelled) return { done, stopped: 'cancelled' as const };
      if (!succeeded(r)) {
        w.reportFailure(`kubectl apply failed at ${formatSplit(weights)}; the rollout stopped`, r);
        return { done, stopped: 'kubectl apply failed' };
      }
      done++;
      progress.report({
        increment: 100 / plan.length,
        message: `${formatSplit(weights)} (step ${done} of ${plan.length})`,
      });
      if (done < plan.length && !(await sleep(ms, signal))) return { done, stopped: 'cancelled' as const };
    }
    return { done, stopped: undefined };
  });
  const at = outcome.done ? formatSplit(plan[outcome.done - 1]) : formatSplit(current);
  if (!outcome.stopped)
    void vscode.window.showInformationMessage(
      `Istio: canary rollout finished: ${targetPick.label} has 100% (context "${context}").`,
    );
  else
    void vscode.window.showWarningMessage(
      `Istio: canary rollout stopped (${outcome.stopped}) at ${at}, after ${outcome.done} of ${plan.length} step(s).`,
    );
}

/** Saves the document; true when the file on disk now holds its text (checked with isDirty afterwards). */
async function saved(doc: vscode.TextDocument): Promise<boolean> {
  if (doc.isDirty) await doc.save();
  return !doc.isDirty;
}

/** Waits `ms`; false when cancelled first. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** `istio.shiftTraffic`: from a CodeLens (uri, route) or the palette (cursor's route). */
export async function shiftTraffic(w: Workflow, uri?: vscode.Uri, ref?: unknown): Promise<void> {
  const target = await resolveRoute(w, uri, ref);
  if (!target) return;
  const { doc, route } = target;
  const choice = await chooseSplit(route);
  if (!choice) return;
  if (choice.kind === 'canary') return canary(w, doc, route);
  if (!(await setWeights(w, doc, route.ref, choice.weights))) {
    void vscode.window.showErrorMessage(
      'Istio: the weights could not be changed (the document changed meanwhile?).',
    );
    return;
  }
  const what = `${describeRoute(route)}: ${route.destinations.map((d, i) => `${d.label} ${choice.weights[i]}%`).join(', ')}`;
  if (!w.isTrusted()) {
    void vscode.window.showInformationMessage(
      `Istio: ${what}. Applying to the cluster is disabled because this workspace is not trusted.`,
    );
    return;
  }
  const next = await vscode.window.showInformationMessage(`Istio: ${what}.`, APPLY);
  if (next === APPLY) await applyToCluster(w, doc, route.ref);
}
