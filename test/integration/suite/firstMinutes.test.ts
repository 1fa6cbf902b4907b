// What a newcomer meets in the first minutes (issue 9), in a real VS Code: "Set path…" in a remote
// window, completion that offers whole resources only where one can start, one answer for a traffic
// split (CodeLens and inlay hints), the language status, and Shift Traffic applying only the edited
// VirtualService.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  WAIT_MS,
  completionLabels,
  ensureActive,
  extension,
  openInEditor,
  positionOf,
  within,
  writeWorkspaceFile,
} from '../helpers';

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    assert.ok(Date.now() < deadline, `timed out after ${WAIT_MS / 1000}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Replaces vscode.window / vscode.commands functions for one test; `restore()` puts them back. */
class Stubs {
  private readonly saved: [Record<string, unknown>, string, unknown][] = [];
  set(target: object, key: string, value: unknown): this {
    const t = target as Record<string, unknown>;
    this.saved.push([t, key, t[key]]);
    t[key] = value;
    return this;
  }
  restore(): void {
    for (const [t, k, v] of this.saved.reverse()) t[k] = v;
    this.saved.length = 0;
  }
}

const vs = (weights: [string, string]): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
    - reviews
  http:
    - route:
        - destination:
            host: reviews
            subset: v1
${weights[0]}        - destination:
            host: reviews
            subset: v2
${weights[1]}`;

async function lensAndHints(text: string, name: string): Promise<{ lens: string; hints: string[] }> {
  const { uri } = writeWorkspaceFile(`first-minutes/${name}.yaml`, text);
  const editor = await openInEditor(uri);
  const lens = await until(async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      uri,
    );
    return lenses.find((l) => l.command?.command === 'istio.shiftTraffic')?.command?.title;
  }, `the Shift traffic CodeLens of ${name}`);
  const range = new vscode.Range(0, 0, editor.document.lineCount, 0);
  const hints = await until(async () => {
    const hs = await vscode.commands.executeCommand<vscode.InlayHint[]>(
      'vscode.executeInlayHintProvider',
      uri,
      range,
    );
    const labels = hs.map((h) =>
      typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''),
    );
    return labels.length ? labels.map((l) => l.replace(/^\s*→\s*/, '').trim()) : undefined;
  }, `the inlay hints of ${name}`);
  return { lens, hints };
}

describe('the first minutes', function () {
  this.timeout(120_000);
  const stubs = new Stubs();

  before(ensureActive);
  afterEach(async () => {
    stubs.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('"Set path…" opens the Remote settings tab, filtered to the setting, in a remote window', async () => {
    assert.ok(vscode.env.remoteName, 'code-server windows are remote windows');
    const executed: [string, unknown][] = [];
    const execute = vscode.commands.executeCommand.bind(vscode.commands);
    const savedPath = process.env.PATH;
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-istioctl-'));
    process.env.PATH = empty; // no istioctl anywhere
    try {
      stubs
        .set(vscode.window, 'showErrorMessage', (_m: string, ...items: string[]) =>
          Promise.resolve(items.includes('Set path…') ? 'Set path…' : undefined),
        )
        .set(vscode.commands, 'executeCommand', (id: string, ...args: unknown[]) => {
          if (id.startsWith('workbench.action.open')) executed.push([id, args[0]]);
          return execute(id, ...args);
        });
      await within(vscode.commands.executeCommand('istio.install'), 'istio.install');
      const opened = await until(() => executed[0], 'the Settings editor to be opened');
      assert.deepEqual(opened, ['workbench.action.openRemoteSettings', { query: 'istio.istioctl.path' }]);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('offers no whole-resource snippets inside trafficPolicy:, and offers them in an empty document', async () => {
    const { uri, cursor } = writeWorkspaceFile(
      'first-minutes/dr.yaml',
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\nspec:\n  host: reviews\n  trafficPolicy:\n    |\n',
    );
    await openInEditor(uri);
    const inside = await until(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        cursor,
      );
      const ls = completionLabels(list);
      return ls.includes('connectionPool') ? ls : undefined;
    }, 'the trafficPolicy fields in completion');
    assert.deepEqual(
      inside.filter((l) => /^istio-/.test(l) || /^New [A-Z]/.test(l)),
      [],
      'whole-resource items inside trafficPolicy',
    );

    const blank = writeWorkspaceFile('first-minutes/blank.yaml', '|');
    await openInEditor(blank.uri);
    const atStart = await until(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        blank.uri,
        blank.cursor,
      );
      const ls = completionLabels(list);
      return ls.includes('istio-vs-canary') ? ls : undefined;
    }, 'the snippets in an empty document');
    assert.ok(atStart.includes('New VirtualService'));
  });

  it('CodeLens and inlay hints agree on 90/100: 47% and 53%', async () => {
    const { lens, hints } = await lensAndHints(
      vs(['          weight: 90\n', '          weight: 100\n']),
      'w90-100',
    );
    assert.match(lens, /Shift traffic \(47%\/53%\)/);
    assert.deepEqual(hints, ['47%', '53%']);
  });

  it('CodeLens and inlay hints agree on a pair with one weight (100%/0%) and on an unweighted pair', async () => {
    const one = await lensAndHints(vs(['          weight: 50\n', '']), 'w50-none');
    assert.match(one.lens, /Shift traffic \(100%\/0%\)/);
    assert.deepEqual(one.hints, ['100%', '0%']);
    const none = await lensAndHints(vs(['', '']), 'unweighted');
    // Istio rejects two destinations whose weights add up to 0 (VALIDATION-RULES.md).
    assert.match(none.lens, /Shift traffic \(weights total 0/);
    assert.deepEqual(none.hints, ['weights total 0', 'weights total 0']);
  });

  it('the language status counts the Istio resources of the active file', async () => {
    const status = async (): Promise<{ text: string }> =>
      await vscode.commands.executeCommand<{ text: string }>('istio._test.status');
    const plain = writeWorkspaceFile(
      'first-minutes/plain.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    );
    await openInEditor(plain.uri);
    await until(
      async () => ((await status()).text === 'no Istio resources' ? true : undefined),
      '"no Istio resources"',
    );
    const two = writeWorkspaceFile(
      'first-minutes/two.yaml',
      `${vs(['          weight: 90\n', '          weight: 10\n'])}---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\nspec:\n  host: reviews\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\n`,
    );
    await openInEditor(two.uri);
    const shown = await until(
      async () => ((await status()).text.includes('2 resources') ? (await status()).text : undefined),
      'the status to count 2 Istio resources',
    );
    assert.match(shown, /Istio 1\.30\.3 · 2 resources/);
  });

  it('Shift Traffic applies only the edited VirtualService, not the whole file', async () => {
    const fakes = path.join(extension().extensionPath, 'test', 'fakes', 'bin');
    const savedPath = process.env.PATH;
    const savedLog = process.env.ISTIO_FAKE_LOG;
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'istio-apply-')), 'calls.jsonl');
    process.env.PATH = `${fakes}${path.delimiter}${savedPath ?? ''}`;
    process.env.ISTIO_FAKE_LOG = log;
    const other =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\n  namespace: bookinfo\nspec:\n  ports: [{port: 9080}]\n';
    const { uri } = writeWorkspaceFile(
      'first-minutes/mixed.yaml',
      `${other}---\n${vs(['          weight: 90\n', '          weight: 10\n'])}---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: bookinfo\nspec:\n  host: reviews\n`,
    );
    const editor = await openInEditor(uri);
    editor.selection = new vscode.Selection(
      positionOf(editor.document, 'subset: v2'),
      positionOf(editor.document, 'subset: v2'),
    );
    let confirmation: { message: string; detail?: string } | undefined;
    const shown: string[] = [];
    try {
      stubs
        .set(vscode.window, 'showErrorMessage', (m: string) => {
          shown.push(m);
          return Promise.resolve(undefined);
        })
        .set(
          vscode.window,
          'showQuickPick',
          (items: Thenable<vscode.QuickPickItem[]> | vscode.QuickPickItem[]) =>
            Promise.resolve(items).then((list) => list.find((i) => i.label === '75/25')),
        )
        .set(vscode.window, 'showInformationMessage', (m: string, ...items: unknown[]) => {
          shown.push(m);
          return Promise.resolve(items.includes('Apply to Cluster…') ? 'Apply to Cluster…' : undefined);
        })
        .set(
          vscode.window,
          'showWarningMessage',
          (message: string, opts: vscode.MessageOptions, ...items: string[]) => {
            if (opts?.modal) confirmation = { message, detail: opts.detail };
            return Promise.resolve(opts?.modal && items.includes('Apply') ? 'Apply' : undefined);
          },
        );
      await within(vscode.commands.executeCommand('istio.shiftTraffic'), 'istio.shiftTraffic');
    } finally {
      process.env.PATH = savedPath;
      if (savedLog === undefined) delete process.env.ISTIO_FAKE_LOG;
      else process.env.ISTIO_FAKE_LOG = savedLog;
    }
    const calls = fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { argv?: string[]; event?: string; text?: string });
    const applies = calls.filter((c) => c.argv?.[0] === 'apply');
    assert.deepEqual(
      applies.map((c) => c.argv),
      [['apply', '-f', '-', '--context', 'fake-cluster']],
      `messages shown: ${JSON.stringify(shown)}`,
    );
    const applied = calls.find((c) => c.event === 'stdin')?.text ?? '';
    assert.match(applied, /kind: VirtualService/);
    assert.match(applied, /weight: 75/);
    assert.doesNotMatch(applied, /kind: Service\n|kind: DestinationRule/);
    assert.ok(confirmation, 'a confirmation was shown');
    assert.match(confirmation.message, /VirtualService bookinfo\/reviews/);
    assert.ok(
      confirmation.detail?.includes('kubectl apply -f - --context fake-cluster'),
      confirmation.detail,
    );
    assert.ok(confirmation.detail?.includes('weight: 75'), 'the confirmation lists what is applied');
    assert.ok(!confirmation.detail?.includes('kind: DestinationRule'), confirmation.detail);
  });
});
