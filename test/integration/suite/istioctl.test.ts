// The istioctl workflow in a real VS Code, against the fake istioctl and kubectl in test/fakes/bin;
// the commands that change a cluster run the real kubectl against the test API server instead.
// Needs ISTIO_AUTHORING_TEST=1 in the extension host (for the istio._test.* commands). PATH and
// ISTIO_FAKE_LOG are set here when the runner did not set them (the extension reads both when it
// spawns). Prompts are answered by replacing vscode.window functions for the duration of a test.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseAllDocuments } from 'yaml';
import {
  WAIT_MS,
  ensureActive,
  extension,
  openInEditor,
  positionOf,
  within,
  writeWorkspaceFile,
} from '../helpers';
import { type TestCluster, kubectl, kubectlJson, startTestCluster, useClusterEnv } from '../cluster';

// ------------------------------------------------------------------ fakes and their log

interface FakeCall {
  tool: string;
  argv?: string[];
  event?: string;
  pid: number;
  childPid?: number;
}

let logFile = '';
let modeFile = '';

function calls(): FakeCall[] {
  if (!fs.existsSync(logFile)) return [];
  return fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as FakeCall);
}

/** The calls made after `mark` (a previous `calls().length`), hang events left out. */
function callsSince(mark: number): FakeCall[] {
  return calls()
    .slice(mark)
    .filter((c) => !c.event);
}

function argvOf(cs: FakeCall[], tool: string, first: string): string[][] {
  return cs.filter((c) => c.tool === tool && c.argv?.[0] === first).map((c) => c.argv!);
}

function setMode(mode: string): void {
  fs.writeFileSync(modeFile, mode);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(predicate: () => boolean, what: string, ms = WAIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    assert.ok(Date.now() < deadline, `timed out after ${ms / 1000}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function untilAsync(predicate: () => Promise<boolean>, what: string, ms = WAIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    assert.ok(Date.now() < deadline, `timed out after ${ms / 1000}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// ------------------------------------------------------------------ scripted prompts

type Pick = string | ((items: vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined);
type Input = string | undefined | ((options: vscode.InputBoxOptions) => string | undefined);

interface Shown {
  kind: 'info' | 'warning' | 'error';
  message: string;
  modal: boolean;
  detail?: string;
  items: string[];
}

/**
 * Answers quick picks (by label prefix) and input boxes in order, and message boxes through a
 * responder; records everything shown. Unexpected prompts are recorded and fail `assertDone`.
 */
class Ui {
  readonly shown: Shown[] = [];
  readonly unexpected: string[] = [];
  readonly pickTitles: string[] = [];
  readonly invalidInputs: string[] = [];
  private readonly saved = new Map<string, unknown>();
  private cts: vscode.CancellationTokenSource | undefined;

  constructor(
    private readonly picks: Pick[],
    private readonly inputs: Input[],
    private readonly respond: (s: Shown) => string | undefined = () => undefined,
    private readonly stubProgress = false,
  ) {}

  install(): this {
    const w = vscode.window as unknown as Record<string, unknown>;
    for (const k of [
      'showQuickPick',
      'showInputBox',
      'showInformationMessage',
      'showWarningMessage',
      'showErrorMessage',
      'withProgress',
    ]) {
      this.saved.set(k, w[k]);
    }
    w.showQuickPick = async (
      items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>,
      options?: vscode.QuickPickOptions,
    ) => {
      const list = [...(await items)];
      this.pickTitles.push(options?.title ?? '');
      const answer = this.picks.shift();
      if (answer === undefined) {
        this.unexpected.push(`quick pick "${options?.title ?? ''}": ${list.map((i) => i.label).join(' | ')}`);
        return undefined;
      }
      const found =
        typeof answer === 'function' ? answer(list) : list.find((i) => i.label.startsWith(answer));
      if (!found)
        this.unexpected.push(
          `no item "${String(answer)}" in "${options?.title ?? ''}": ${list.map((i) => i.label).join(' | ')}`,
        );
      return found;
    };
    w.showInputBox = (options: vscode.InputBoxOptions = {}) => {
      if (!this.inputs.length) {
        this.unexpected.push(`input box "${options.title ?? ''}"`);
        return Promise.resolve(undefined);
      }
      const answer = this.inputs.shift();
      const value = typeof answer === 'function' ? answer(options) : answer;
      if (value !== undefined && options.validateInput) {
        const problem = options.validateInput(value) as string | undefined;
        if (problem) this.invalidInputs.push(`${value}: ${problem}`);
      }
      return Promise.resolve(value);
    };
    const message =
      (kind: Shown['kind']) =>
      (text: string, ...rest: unknown[]) => {
        const opts =
          rest[0] && typeof rest[0] === 'object' && !('title' in rest[0])
            ? (rest.shift() as vscode.MessageOptions)
            : {};
        const items = rest.map((r) => (typeof r === 'string' ? r : (r as vscode.MessageItem).title));
        const s: Shown = { kind, message: text, modal: !!opts.modal, detail: opts.detail, items };
        this.shown.push(s);
        const choice = this.respond(s);
        return Promise.resolve(choice !== undefined && items.includes(choice) ? choice : undefined);
      };
    w.showInformationMessage = message('info');
    w.showWarningMessage = message('warning');
    w.showErrorMessage = message('error');
    if (this.stubProgress) {
      w.withProgress = (
        _o: vscode.ProgressOptions,
        task: (p: vscode.Progress<unknown>, t: vscode.CancellationToken) => Thenable<unknown>,
      ) => {
        this.cts = new vscode.CancellationTokenSource();
        return task({ report: () => undefined }, this.cts.token);
      };
    }
    return this;
  }

  /** Presses Cancel on the running (stubbed) progress notification. */
  cancel(): void {
    assert.ok(this.cts, 'no progress notification is running');
    this.cts.cancel();
  }

  restore(): void {
    const w = vscode.window as unknown as Record<string, unknown>;
    for (const [k, v] of this.saved) w[k] = v;
  }

  messages(kind: Shown['kind']): Shown[] {
    return this.shown.filter((s) => s.kind === kind);
  }

  assertDone(): void {
    assert.deepEqual(this.unexpected, [], 'unexpected prompts');
    assert.deepEqual(this.picks, [], 'quick picks that were never shown');
    assert.deepEqual(this.inputs, [], 'input boxes that were never shown');
  }
}

/** Runs a command with scripted prompts and returns what was shown. */
async function run(command: string, ui: Ui, ...args: unknown[]): Promise<Ui> {
  ui.install();
  try {
    await within(vscode.commands.executeCommand(command, ...args), command);
  } finally {
    ui.restore();
  }
  return ui;
}

interface RunRecord {
  tool: string;
  argv: string[];
  output: string;
  code: number | null;
  outcome: string;
}

async function lastRun(): Promise<RunRecord> {
  const r = await vscode.commands.executeCommand<RunRecord | undefined>('istio._test.lastRun');
  assert.ok(r, 'no process run was recorded');
  return r;
}

/** Closes every editor without save prompts (untitled and edited ones are reverted first). */
async function closeEverything(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.isDirty);
    if (!editor) break;
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

function weightsIn(text: string, section = 'http', index = 0): unknown[] {
  const doc = parseAllDocuments(text)[0].toJS() as {
    spec: Record<string, { route: { weight?: unknown }[] }[]>;
  };
  return doc.spec[section][index].route.map((r) => r.weight);
}

const CONTEXT = 'fake-cluster';
/** The context of the test API server's kubeconfig. */
const LIVE = 'test-cluster';

interface KubeObject {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    resourceVersion?: string;
  };
  spec?: { template?: { metadata?: { annotations?: Record<string, string> } }; [k: string]: unknown };
}
interface KubeList {
  items: KubeObject[];
}

const CANARY_VS = `apiVersion: networking.istio.io/v1
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
          weight: 90
        - destination:
            host: reviews
            subset: v3|
          weight: 10
`;

// ------------------------------------------------------------------ the suite

describe('istioctl workflow', function () {
  this.timeout(120_000);
  const saved = {
    path: process.env.PATH,
    mode: process.env.ISTIO_FAKE_MODE,
    modeFile: process.env.ISTIO_FAKE_MODE_FILE,
    log: process.env.ISTIO_FAKE_LOG,
  };
  let tmp = '';

  before(async () => {
    await ensureActive();
    const registered = await vscode.commands.getCommands(true);
    assert.ok(
      registered.includes('istio._test.lastRun'),
      'istio._test.* commands are missing: the runner must start the extension host with ISTIO_AUTHORING_TEST=1',
    );
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-it-'));
    const fakes = path.join(extension().extensionPath, 'test', 'fakes', 'bin');
    if (!(process.env.PATH ?? '').split(path.delimiter).includes(fakes))
      process.env.PATH = `${fakes}${path.delimiter}${process.env.PATH ?? ''}`;
    process.env.ISTIO_FAKE_LOG ||= path.join(tmp, 'fake-calls.jsonl');
    logFile = process.env.ISTIO_FAKE_LOG;
    modeFile = path.join(tmp, 'fake-mode');
    process.env.ISTIO_FAKE_MODE_FILE = modeFile;
    delete process.env.ISTIO_FAKE_MODE;
  });

  beforeEach(async () => {
    setMode('');
    await vscode.commands.executeCommand('istio._test.reset');
  });

  afterEach(closeEverything);

  after(async () => {
    process.env.PATH = saved.path;
    for (const [k, v] of [
      ['ISTIO_FAKE_MODE', saved.mode],
      ['ISTIO_FAKE_MODE_FILE', saved.modeFile],
      ['ISTIO_FAKE_LOG', saved.log],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await vscode.commands.executeCommand('istio._test.reset');
  });

  describe('Install…', () => {
    it('installs a profile with a revision and --set entries, after a confirmation that names the context', async () => {
      const mark = calls().length;
      const ui = await run(
        'istio.install',
        new Ui(
          ['No IstioOperator file', 'demo'],
          ['canary', 'meshConfig.accessLogFile=/dev/stdout', ''],
          (s) => (s.modal ? 'Install' : undefined),
        ),
      );
      ui.assertDone();
      const expected = [
        'install',
        '-y',
        '--set',
        'profile=demo',
        '--revision',
        'canary',
        '--set',
        'meshConfig.accessLogFile=/dev/stdout',
        '--context',
        CONTEXT,
      ];
      const made = callsSince(mark);
      assert.deepEqual(argvOf(made, 'kubectl', 'config'), [['config', 'current-context']]);
      assert.deepEqual(argvOf(made, 'istioctl', 'install'), [expected]);
      const confirm = ui.shown.find((s) => s.modal)!;
      assert.match(confirm.message, /kube context "fake-cluster"/);
      assert.ok(confirm.detail?.includes(`istioctl ${expected.join(' ')}`), confirm.detail);
      const last = await lastRun();
      assert.deepEqual(last.argv, expected);
      assert.match(last.output, /✔ Istiod installed/);
      assert.match(last.output, /✔ Installation complete/);
      assert.ok(
        ui
          .messages('info')
          .some(
            (s) =>
              s.message.includes('installed into kube context "fake-cluster"') &&
              s.items.includes('Show Output'),
          ),
      );
    });

    it('runs nothing when the confirmation is declined', async () => {
      const mark = calls().length;
      const ui = await run('istio.install', new Ui(['No IstioOperator file', 'minimal'], ['', '']));
      ui.assertDone();
      assert.deepEqual(argvOf(callsSince(mark), 'istioctl', 'install'), []);
      assert.ok(ui.shown.some((s) => s.modal && s.message.includes(CONTEXT)));
    });

    it('uses the IstioOperator in the active editor, keeping its profile', async () => {
      const { uri } = writeWorkspaceFile(
        'install/operator.yaml',
        'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: minimal\n  meshConfig:\n    accessLogFile: /dev/stdout\n',
      );
      await openInEditor(uri);
      const mark = calls().length;
      const ui = await run(
        'istio.install',
        new Ui(['Active editor: operator.yaml', "Keep the file's profile"], ['', ''], (s) =>
          s.modal ? 'Install' : undefined,
        ),
      );
      ui.assertDone();
      assert.deepEqual(argvOf(callsSince(mark), 'istioctl', 'install'), [
        ['install', '-y', '-f', uri.fsPath, '--context', CONTEXT],
      ]);
    });

    it('refuses an IstioOperator with an unknown field, naming the line', async () => {
      const { uri } = writeWorkspaceFile(
        'install/bad-operator.yaml',
        'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: demo\n  revison: canary\n',
      );
      await openInEditor(uri);
      const mark = calls().length;
      const ui = await run('istio.install', new Ui(['Active editor: bad-operator.yaml'], []));
      ui.assertDone();
      const error = ui.messages('error')[0];
      assert.match(
        error?.message ?? '',
        /bad-operator\.yaml is not a valid IstioOperator .*Line 5: unknown field "revison"/,
      );
      assert.deepEqual(argvOf(callsSince(mark), 'istioctl', 'install'), []);
    });

    it('checks --set entries as they are typed', async () => {
      const ui = await run(
        'istio.install',
        new Ui(['No IstioOperator file', 'default'], ['', 'values.x=a=b', 'spec.profile=demo', undefined]),
      );
      ui.assertDone();
      assert.equal(ui.invalidInputs.length, 2, ui.invalidInputs.join('\n'));
      assert.match(ui.invalidInputs[0], /contains "="/);
      assert.match(ui.invalidInputs[1], /relative to spec/);
    });

    it('shows the stderr tail when istioctl fails', async () => {
      setMode('install:fail');
      const ui = await run(
        'istio.install',
        new Ui(['No IstioOperator file', 'default'], ['', ''], (s) => (s.modal ? 'Install' : undefined)),
      );
      const error = ui.messages('error')[0];
      assert.ok(error, 'an error notification');
      assert.match(error.message, /exit code 1/);
      assert.match(error.message, /failed to install manifests/);
      assert.ok(error.items.includes('Show Output'));
      assert.match((await lastRun()).output, /✘ Istiod encountered an error/);
    });

    it('Cancel stops istioctl and everything it started', async () => {
      setMode('install:hang');
      const mark = calls().length;
      const ui = new Ui(
        ['No IstioOperator file', 'default'],
        ['', ''],
        (s) => (s.modal ? 'Install' : undefined),
        true,
      );
      ui.install();
      let hang: FakeCall | undefined;
      try {
        const running = vscode.commands.executeCommand('istio.install');
        await until(
          () =>
            !!(hang = calls()
              .slice(mark)
              .find((c) => c.event === 'hang' && c.tool === 'istioctl')),
          'istioctl install to hang',
        );
        assert.ok(alive(hang!.pid) && alive(hang!.childPid!), 'the fake and its child run');
        ui.cancel();
        await within(running, 'the cancelled install to return');
      } finally {
        ui.restore();
      }
      await until(() => !alive(hang!.pid) && !alive(hang!.childPid!), 'the process tree to be gone');
      assert.ok(
        ui.messages('warning').some((s) => /was cancelled/.test(s.message)),
        JSON.stringify(ui.shown),
      );
      assert.equal((await lastRun()).outcome, 'cancelled');
    });

    it('keeps credentials out of the output channel', async () => {
      setMode('install:leak');
      const mark = calls().length;
      await run(
        'istio.install',
        new Ui(['No IstioOperator file', 'default'], ['', 'values.pilot.env.AUTH_TOKEN=hunter2', ''], (s) =>
          s.modal ? 'Install' : undefined,
        ),
      );
      const install = argvOf(callsSince(mark), 'istioctl', 'install')[0];
      assert.ok(install.includes('values.pilot.env.AUTH_TOKEN=hunter2'), 'the real value reaches istioctl');
      const last = await lastRun();
      assert.ok(last.argv.includes('values.pilot.env.AUTH_TOKEN=[REDACTED]'), last.argv.join(' '));
      for (const secret of [
        'hunter2',
        'sk-FAKE-SECRET',
        'eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyJ9',
        'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ==',
      ]) {
        assert.ok(!last.output.includes(secret), `${secret} reached the log:\n${last.output}`);
      }
      assert.match(last.output, /\[REDACTED\]/);
    });

    it('stops when there is no kube context', async () => {
      setMode('kubectl:nocontext');
      const mark = calls().length;
      const ui = await run('istio.install', new Ui(['No IstioOperator file', 'default'], ['', '']));
      assert.match(
        ui.messages('error')[0]?.message ?? '',
        /cannot tell the current kube context.*current-context is not set/s,
      );
      assert.deepEqual(argvOf(callsSince(mark), 'istioctl', 'install'), []);
      assert.ok(!ui.shown.some((s) => s.modal), 'no confirmation without a context');
    });
  });

  describe('finding the tools', () => {
    it('explains a missing istioctl and offers to set the path, without running anything', async () => {
      const mark = calls().length;
      const oldPath = process.env.PATH;
      process.env.PATH = path.join(tmp, 'empty-bin');
      try {
        const ui = await run('istio.manifestGenerate', new Ui([], []));
        ui.assertDone();
        const error = ui.messages('error')[0];
        assert.match(
          error?.message ?? '',
          /istioctl was not found on PATH and istio\.istioctl\.path is not set\. Download it/,
        );
        assert.deepEqual(error.items, ['Set path…', 'Installation Guide']);
      } finally {
        process.env.PATH = oldPath;
      }
      assert.deepEqual(callsSince(mark), []);
    });

    it('reports a wrong istio.istioctl.path instead of using PATH', async () => {
      const cfg = vscode.workspace.getConfiguration('istio');
      await cfg.update('istioctl.path', path.join(tmp, 'no', 'istioctl'), vscode.ConfigurationTarget.Global);
      try {
        const mark = calls().length;
        const ui = await run('istio.proxyStatus', new Ui([], []));
        assert.match(
          ui.messages('error')[0]?.message ?? '',
          /istio\.istioctl\.path points at .*no\/istioctl, which does not exist/,
        );
        assert.deepEqual(callsSince(mark), []);
      } finally {
        await cfg.update('istioctl.path', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('warns once about an istioctl older than 1.22', async () => {
      setMode('version:old');
      const ui = await run('istio.manifestGenerate', new Ui(['No IstioOperator file', 'minimal'], ['', '']));
      assert.ok(
        ui.messages('warning').some((s) => /istioctl 1\.21\.2 .* is older than 1\.22/.test(s.message)),
        JSON.stringify(ui.shown),
      );
      const again = await run(
        'istio.manifestGenerate',
        new Ui(['No IstioOperator file', 'minimal'], ['', '']),
      );
      assert.ok(
        !again.messages('warning').some((s) => /older than/.test(s.message)),
        'the version is checked once per binary',
      );
    });
  });

  describe('Generate Manifest', () => {
    it('renders offline into a new untitled YAML editor', async () => {
      const mark = calls().length;
      const ui = await run('istio.manifestGenerate', new Ui(['No IstioOperator file', 'minimal'], ['', '']));
      ui.assertDone();
      const made = callsSince(mark);
      assert.deepEqual(argvOf(made, 'istioctl', 'manifest'), [
        ['manifest', 'generate', '--set', 'profile=minimal'],
      ]);
      assert.deepEqual(
        made.filter((c) => c.tool === 'kubectl'),
        [],
        'no cluster access',
      );
      const doc = vscode.window.activeTextEditor?.document;
      assert.ok(doc?.isUntitled, 'an untitled editor');
      assert.equal(doc.languageId, 'yaml');
      assert.match(doc.getText(), /kind: Deployment\nmetadata:\n  name: istiod/);
      assert.ok(!doc.getText().includes('istio-ingressgateway'), 'minimal has no gateway');
    });
  });

  describe('Inject Sidecar', () => {
    const DEPLOYMENT =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx\n';

    afterEach(async () => {
      const cfg = vscode.workspace.getConfiguration('istio');
      for (const k of [
        'inject.injectConfigFile',
        'inject.meshConfigFile',
        'inject.valuesFile',
        'inject.showResultAs',
      ]) {
        await cfg.update(k, undefined, vscode.ConfigurationTarget.Workspace);
      }
    });

    it('injects offline with the configured files and opens the result beside', async () => {
      const { uri } = writeWorkspaceFile('inject/web app.yaml', DEPLOYMENT);
      const files = ['inject/config.yaml', 'inject/mesh.yaml', 'inject/values.json'].map(
        (f) => writeWorkspaceFile(f, '{}\n').uri.fsPath,
      );
      const cfg = vscode.workspace.getConfiguration('istio');
      await cfg.update('inject.injectConfigFile', files[0], vscode.ConfigurationTarget.Workspace);
      await cfg.update('inject.meshConfigFile', files[1], vscode.ConfigurationTarget.Workspace);
      await cfg.update('inject.valuesFile', 'inject/values.json', vscode.ConfigurationTarget.Workspace);
      await cfg.update('inject.showResultAs', 'beside', vscode.ConfigurationTarget.Workspace);
      await openInEditor(uri);
      const mark = calls().length;
      const ui = await run('istio.injectSidecar', new Ui([], []), uri);
      ui.assertDone();
      assert.deepEqual(argvOf(callsSince(mark), 'istioctl', 'kube-inject'), [
        [
          'kube-inject',
          '-f',
          uri.fsPath,
          '--injectConfigFile',
          files[0],
          '--meshConfigFile',
          files[1],
          '--valuesFile',
          files[2],
        ],
      ]);
      const editor = vscode.window.activeTextEditor!;
      assert.ok(editor.document.isUntitled);
      assert.equal(editor.viewColumn, vscode.ViewColumn.Two, 'beside the original');
      assert.match(
        editor.document.getText(),
        /- name: istio-proxy\n\s+image: docker\.io\/istio\/proxyv2:1\.30\.3/,
      );
    });

    it('shows a diff when asked, with the injected side read-only', async () => {
      const { uri } = writeWorkspaceFile('inject/diff.yaml', DEPLOYMENT);
      await vscode.workspace
        .getConfiguration('istio')
        .update('inject.showResultAs', 'ask', vscode.ConfigurationTarget.Workspace);
      const ui = await run('istio.injectSidecar', new Ui(['Show as diff'], []), uri);
      ui.assertDone();
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      assert.ok(input instanceof vscode.TabInputTextDiff, 'a diff editor is active');
      assert.equal(input.original.fsPath, uri.fsPath);
      assert.equal(input.modified.scheme, 'istio-output');
      const injected = await vscode.workspace.openTextDocument(input.modified);
      assert.match(injected.getText(), /sidecar\.istio\.io\/status/);
    });

    it('uses unsaved editor text and shows the stderr tail on failure', async () => {
      const { uri } = writeWorkspaceFile('inject/unsaved.yaml', DEPLOYMENT);
      const editor = await openInEditor(uri);
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# edited\n'));
      setMode('kube-inject:fail');
      const mark = calls().length;
      const ui = await run('istio.injectSidecar', new Ui([], []));
      const argv = argvOf(callsSince(mark), 'istioctl', 'kube-inject')[0];
      assert.notEqual(argv[2], uri.fsPath, 'a temporary copy of the unsaved text');
      assert.equal(fs.existsSync(argv[2]), false, 'the temporary copy is removed');
      assert.match(
        ui.messages('error')[0]?.message ?? '',
        /kube-inject of unsaved\.yaml failed \(exit code 1\)\.\n.*connection refused/s,
      );
    });
  });

  describe('Analyze', () => {
    // Names and a namespace of their own, so files other suites left in the workspace do not interfere.
    const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: az-reviews
  namespace: analyze
spec:
  hosts:
    - az-reviews
  http:
    - route:
        - destination:
            host: az-reviews
            subset: v2
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: az-ratings
  namespace: analyze
spec:
  hosts:
    - az-ratings
  http:
    - route:
        - destination:
            host: az-ratings
            subset: v9
`;
    const DR =
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: az-reviews\n  namespace: analyze\nspec:\n  host: az-reviews\n  subsets:\n    - name: v1\n      labels:\n        version: v1\n';

    it('puts the JSON results in Problems at the referenced lines, without duplicating the server', async () => {
      const { uri } = writeWorkspaceFile('analyze/vs.yaml', VS);
      const dr = writeWorkspaceFile('analyze/dr.yaml', DR).uri;
      const ci = writeWorkspaceFile('analyze/ci.yaml', 'name: CI\non: push\n').uri;
      const reviewsHost = 11; // zero-based line of `host: az-reviews` in the route
      const ratingsHost = 25;
      // Stands in for the language server reporting the same finding on the same line.
      const server = vscode.languages.createDiagnosticCollection('test-server');
      const same = new vscode.Diagnostic(
        new vscode.Range(reviewsHost, 12, reviewsHost, 25),
        'the server says so',
        vscode.DiagnosticSeverity.Error,
      );
      same.source = 'istio';
      same.code = {
        value: 'IST0101',
        target: vscode.Uri.parse('https://example.com/server/ist0101'),
      };
      server.set(uri, [same]);
      try {
        const mark = calls().length;
        const ui = await run('istio.analyze', new Ui(['Workspace files'], []));
        ui.assertDone();
        const argv = argvOf(callsSince(mark), 'istioctl', 'analyze')[0];
        assert.deepEqual(argv.slice(0, 5), ['analyze', '--use-kube=false', '-A', '-o', 'json']);
        assert.ok(argv.includes(uri.fsPath) && argv.includes(dr.fsPath), argv.join(' '));
        assert.ok(!argv.includes(ci.fsPath), 'a YAML file that is not a manifest is left out');

        const ist = (): vscode.Diagnostic[] =>
          vscode.languages
            .getDiagnostics(uri)
            .filter((d) => typeof d.code === 'object' && d.code.value === 'IST0101')
            // The stand-in above and istioctl's copies; the language server's own cross-resource
            // IST0101 (on the subset line) arrives whenever the workspace is read, and is not counted.
            .filter((d) => d.message === 'the server says so' || d.message.startsWith('Referenced'));
        await until(() => ist().length === 2, 'two IST0101 diagnostics');
        const lines = ist()
          .map((d) => d.range.start.line)
          .sort((a, b) => a - b);
        assert.deepEqual(
          lines,
          [reviewsHost, ratingsHost],
          'one per line: the analyze copy on the server line is dropped',
        );
        const analyzed = ist().find((d) => d.range.start.line === ratingsHost)!;
        assert.equal(analyzed.source, 'istio');
        assert.match(
          analyzed.message,
          /Referenced host\+subset in destinationrule not found: "az-ratings\+v9"/,
        );
        assert.equal(
          (analyzed.code as { target: vscode.Uri }).target.toString(true),
          'https://istio.io/v1.30/docs/reference/config/analysis/ist0101/?ref=istioctl-analyze',
        );
        assert.ok(
          ui.messages('info').some((s) => /istioctl analyze found \d+ error\(s\)/.test(s.message)),
          JSON.stringify(ui.shown),
        );

        // When the server stops reporting it, the analyze finding shows up on that line.
        server.clear();
        await until(
          () => ist().filter((d) => d.message.startsWith('Referenced')).length === 2,
          'the analyze finding on the freed line',
        );

        // Editing the file drops its (now stale) analyze results.
        const editor = await openInEditor(uri);
        await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# edited\n'));
        // (The language server's own cross-resource IST0101 for the same files may stay: only the
        // analyze copies, whose message is istioctl's, must go.)
        await until(
          () => !ist().some((d) => d.message.startsWith('Referenced')),
          'stale analyze results to be cleared',
        );
      } finally {
        server.dispose();
      }
    });

    it('analyzes a namespace of the cluster and places findings on the workspace resource', async () => {
      const { uri } = writeWorkspaceFile(
        'analyze/cluster-vs.yaml',
        'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n  namespace: bookinfo\nspec:\n  hosts:\n    - reviews\n',
      );
      const mark = calls().length;
      const ui = await run('istio.analyze', new Ui(['Namespace…', 'bookinfo'], []));
      ui.assertDone();
      assert.deepEqual(argvOf(callsSince(mark), 'istioctl', 'analyze'), [
        ['analyze', '-n', 'bookinfo', '-o', 'json'],
      ]);
      const byOrigin = (): vscode.Diagnostic[] =>
        vscode.languages.getDiagnostics(uri).filter((d) => d.message.includes('"reviews+v3"'));
      await until(() => byOrigin().length === 1, 'the cluster finding on the workspace VirtualService');
      assert.equal(
        byOrigin()[0].range.start.line,
        positionOf(await vscode.workspace.openTextDocument(uri), 'name: reviews').line,
      );
    });
  });

  describe('Proxy Status and Proxy Config…', () => {
    it('shows proxy-status in a read-only editor', async () => {
      const ui = await run('istio.proxyStatus', new Ui([], []));
      ui.assertDone();
      const doc = vscode.window.activeTextEditor?.document;
      assert.equal(doc?.uri.scheme, 'istio-output');
      assert.match(doc.getText(), /^NAME\s+CLUSTER\s+ISTIOD\s+VERSION/);
      assert.deepEqual((await lastRun()).argv, ['proxy-status']);
    });

    it('picks a pod and a config type, and pretty-prints the JSON', async () => {
      const mark = calls().length;
      const ui = await run(
        'istio.proxyConfig',
        new Ui(['reviews-v1-86896b7648-6nrm8.bookinfo', 'route'], []),
      );
      ui.assertDone();
      assert.deepEqual(argvOf(callsSince(mark), 'istioctl', 'proxy-config'), [
        ['proxy-config', 'route', 'reviews-v1-86896b7648-6nrm8.bookinfo', '-o', 'json'],
      ]);
      const doc = vscode.window.activeTextEditor!.document;
      assert.equal(doc.uri.scheme, 'istio-output');
      assert.equal(doc.languageId, 'json');
      assert.equal(doc.getText(), JSON.stringify(JSON.parse(doc.getText()), null, 2) + '\n');
      assert.match(doc.getText(), /"weightedClusters"/);
    });

    it('falls back to kubectl for the pod list when proxy-status fails', async () => {
      setMode('proxy-status:fail');
      const mark = calls().length;
      let offered: string[] = [];
      const ui = await run(
        'istio.proxyConfig',
        new Ui(
          [
            (items) => {
              offered = items.map((i) => i.label);
              return items.find((i) => i.label.startsWith('productpage'));
            },
            'cluster',
          ],
          [],
        ),
      );
      ui.assertDone();
      assert.deepEqual(argvOf(callsSince(mark), 'kubectl', 'get'), [['get', 'pods', '-A', '-o', 'json']]);
      assert.ok(
        offered.includes('reviews-v3-5f7c7b5b8d-2rjqk.bookinfo') &&
          !offered.some((p) => p.startsWith('coredns')),
        offered.join(', '),
      );
      assert.match(vscode.window.activeTextEditor!.document.getText(), /"BlackHoleCluster"/);
    });
  });

  // The commands that change the cluster run the real kubectl against the test API server
  // (scripts/apiserver, seeded with bookinfo); what they did is read back with kubectl.
  describe('with the real kubectl against the test API server', () => {
    let cluster: TestCluster;
    let restoreEnv: () => void = () => undefined;

    before(async () => {
      cluster = await startTestCluster(LIVE);
      restoreEnv = useClusterEnv(cluster);
      await vscode.commands.executeCommand('istio._test.reset');
    });

    after(async () => {
      restoreEnv();
      await cluster?.stop();
    });

    /** The argv of every kubectl run since the last istio._test.reset (the extension's own record). */
    const kubectlRuns = async (): Promise<string[][]> =>
      ((await vscode.commands.executeCommand<RunRecord[]>('istio._test.runs')) ?? [])
        .filter((r) => r.tool === 'kubectl')
        .map((r) => r.argv);

    /** (subset, weight) of the first HTTP route of VirtualService bookinfo/reviews, as served. */
    const servedRoute = async (): Promise<[string | undefined, number | undefined][]> => {
      const vs = await kubectlJson<KubeObject>(cluster, [
        'get',
        'virtualservice',
        'reviews',
        '-n',
        'bookinfo',
      ]);
      const route = (vs.spec?.http as { route: { destination: { subset?: string }; weight?: number }[] }[])[0]
        .route;
      return route.map((r) => [r.destination.subset, r.weight]);
    };

    describe('Enable Sidecar Injection for Namespace', () => {
      it('labels with a revision, removes the other label, and restarts deployments after confirmations', async () => {
        const before = await kubectlJson<KubeList>(cluster, ['get', 'deployments', '-A']);
        const started = Date.now();
        const ui = await run(
          'istio.enableNamespaceInjection',
          new Ui(['bookinfo', 'istio.io/rev='], ['canary'], (s) => {
            if (s.items.includes('Remove istio-injection')) return 'Remove istio-injection';
            if (s.items.includes('Apply Label')) return 'Apply Label';
            if (s.items.includes('Restart Deployments')) return 'Restart Deployments';
            if (s.items.includes('Restart')) return 'Restart';
            return undefined;
          }),
        );
        ui.assertDone();
        const made = await kubectlRuns();
        const of = (first: string): string[][] => made.filter((a) => a[0] === first);
        assert.deepEqual(of('get'), [['get', 'namespaces', '-o', 'json']]);
        assert.deepEqual(of('label'), [
          [
            'label',
            'namespace',
            'bookinfo',
            'istio.io/rev=canary',
            'istio-injection-',
            '--overwrite',
            '--context',
            LIVE,
          ],
        ]);
        assert.deepEqual(of('rollout'), [
          ['rollout', 'restart', 'deployment', '-n', 'bookinfo', '--context', LIVE],
        ]);
        // What the API server now holds, read back with kubectl.
        const ns = await kubectlJson<KubeObject>(cluster, ['get', 'namespace', 'bookinfo']);
        assert.equal(ns.metadata.labels?.['istio.io/rev'], 'canary');
        assert.equal(ns.metadata.labels?.['istio-injection'], undefined, 'istio-injection removed');
        const after = await kubectlJson<KubeList>(cluster, ['get', 'deployments', '-A']);
        const restartedAt = (d: KubeObject): string | undefined =>
          d.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'];
        const inBookinfo = after.items.filter((d) => d.metadata.namespace === 'bookinfo');
        // The seed (scripts/apiserver/seeds/bookinfo/20-bookinfo.yaml) has six Deployments there.
        assert.equal(inBookinfo.length, 6);
        for (const d of inBookinfo) {
          const at = restartedAt(d);
          assert.ok(at, `${d.metadata.name} has no restartedAt annotation`);
          assert.ok(Date.parse(at) >= Math.floor(started / 1000) * 1000 - 1000, `${d.metadata.name}: ${at}`);
        }
        for (const d of after.items.filter((x) => x.metadata.namespace !== 'bookinfo')) {
          const was = before.items.find(
            (b) => b.metadata.namespace === d.metadata.namespace && b.metadata.name === d.metadata.name,
          );
          assert.equal(
            restartedAt(d),
            was && restartedAt(was),
            `${d.metadata.namespace}/${d.metadata.name} untouched`,
          );
        }
        const modals = ui.shown.filter((s) => s.modal);
        assert.match(modals[0].message, /also has istio-injection=enabled/);
        assert.match(modals[1].message, new RegExp(`kube context "${LIVE}"`));
        assert.ok(
          modals[1].detail?.includes(
            `kubectl label namespace bookinfo istio.io/rev=canary istio-injection- --overwrite --context ${LIVE}`,
          ),
        );
        assert.ok(ui.messages('info').some((s) => /restart/.test(s.message) && s.message.includes(LIVE)));
        assert.ok(
          ui.messages('info').some((s) => /restarted 6 deployments in bookinfo/.test(s.message)),
          JSON.stringify(ui.messages('info')),
        );
      });

      it('keeps both labels when asked, and changes nothing when the label is not confirmed', async () => {
        const label = await kubectl(cluster, ['label', 'namespace', 'legacy', 'istio.io/rev=canary']);
        assert.equal(label.status, 0, label.stderr);
        const before = await kubectlJson<KubeObject>(cluster, ['get', 'namespace', 'legacy']);
        const ui = await run(
          'istio.enableNamespaceInjection',
          new Ui(['legacy', 'istio-injection=enabled'], [], (s) =>
            s.items.includes('Keep Both') ? 'Keep Both' : undefined,
          ),
        );
        ui.assertDone();
        assert.deepEqual(
          (await kubectlRuns()).filter((a) => a[0] === 'label'),
          [],
        );
        assert.ok(ui.shown.some((s) => s.modal && s.items.includes('Apply Label')));
        const after = await kubectlJson<KubeObject>(cluster, ['get', 'namespace', 'legacy']);
        assert.deepEqual(after.metadata.labels, before.metadata.labels);
        assert.equal(after.metadata.resourceVersion, before.metadata.resourceVersion, 'not written');
      });
    });

    describe('Shift Traffic…', () => {
      it('offers a CodeLens on a weighted route and edits the weights as one undo step', async () => {
        const { uri } = writeWorkspaceFile('traffic/lens.yaml', CANARY_VS);
        const editor = await openInEditor(uri);
        const original = editor.document.getText();
        const lenses = await within(
          vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri),
          'CodeLens',
        );
        const lens = lenses.find((l) => l.command?.command === 'istio.shiftTraffic');
        assert.ok(lens?.command, `no Shift traffic lens: ${lenses.map((l) => l.command?.title).join(', ')}`);
        assert.match(lens.command.title, /Shift traffic \(90%\/10%\)/);
        assert.equal(lens.range.start.line, positionOf(editor.document, '- route:').line);

        const ui = await run(
          'istio.shiftTraffic',
          new Ui(['75/25'], []),
          ...((lens.command.arguments ?? []) as unknown[]),
        );
        ui.assertDone();
        assert.deepEqual(weightsIn(editor.document.getText()), [75, 25]);
        assert.ok(ui.messages('info').some((s) => s.items.includes('Apply to Cluster…')));
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand('undo');
        assert.equal(editor.document.getText(), original, 'one undo restores the file');
      });

      it('uses the route under the cursor, takes a custom split and applies it after a confirmation', async () => {
        const { uri, cursor } = writeWorkspaceFile('traffic/apply.yaml', CANARY_VS);
        const editor = await openInEditor(uri);
        editor.selection = new vscode.Selection(cursor!, cursor!);
        const ui = await run(
          'istio.shiftTraffic',
          new Ui(['Custom…'], ['30'], (s) =>
            s.items.includes('Apply to Cluster…') ? 'Apply to Cluster…' : s.modal ? 'Apply' : undefined,
          ),
        );
        ui.assertDone();
        const apply = ui.shown.find((s) => s.modal)!;
        assert.match(apply.message, new RegExp(`kube context "${LIVE}"`));
        assert.ok(apply.detail?.includes(`kubectl apply -f - --context ${LIVE}`), apply.detail);
        assert.deepEqual(
          (await kubectlRuns()).filter((a) => a[0] === 'apply'),
          [['apply', '-f', '-', '--context', LIVE]],
          `shown: ${JSON.stringify(ui.shown, null, 1)}`,
        );
        assert.equal(editor.document.isDirty, false, 'saved before applying');
        assert.deepEqual(weightsIn(fs.readFileSync(uri.fsPath, 'utf8')), [30, 70]);
        // The API server holds the shifted VirtualService (the seed had v1 90 / v2 10).
        assert.deepEqual(await servedRoute(), [
          ['v1', 30],
          ['v3', 70],
        ]);
      });

      it('asks for a comma list with three destinations', async () => {
        const three = CANARY_VS.replace(
          '          weight: 10\n',
          '          weight: 10\n        - destination:\n            host: reviews\n            subset: v4\n',
        );
        const { uri, cursor } = writeWorkspaceFile('traffic/three.yaml', three);
        const editor = await openInEditor(uri);
        editor.selection = new vscode.Selection(cursor!, cursor!);
        const ui = await run('istio.shiftTraffic', new Ui(['Custom…'], ['20,30,50']));
        ui.assertDone();
        assert.deepEqual(weightsIn(editor.document.getText()), [20, 30, 50]);
        assert.match(editor.document.getText(), /subset: v4\n {10}weight: 50\n/);
        await editor.document.save();
      });

      it('runs a canary rollout step by step, applying each step', async () => {
        const { uri } = writeWorkspaceFile('traffic/canary.yaml', CANARY_VS);
        const editor = await openInEditor(uri);
        const ui = await run(
          'istio.shiftTraffic',
          new Ui(['Canary rollout…', 'reviews:v3'], ['45', '0'], (s) =>
            s.modal ? 'Start Rollout' : undefined,
          ),
          uri,
          { doc: 0, section: 'http', index: 0 },
        );
        ui.assertDone();
        const start = ui.shown.find((s) => s.modal)!;
        assert.match(start.message, new RegExp(`kube context "${LIVE}": 2 step\\(s\\)`));
        assert.match(start.detail ?? '', /45\/55 → 0\/100/);
        assert.equal((await kubectlRuns()).filter((a) => a[0] === 'apply').length, 2);
        assert.deepEqual(await servedRoute(), [
          ['v1', 0],
          ['v3', 100],
        ]);
        assert.deepEqual(weightsIn(fs.readFileSync(uri.fsPath, 'utf8')), [0, 100]);
        assert.equal(editor.document.isDirty, false);
        assert.ok(ui.messages('info').some((s) => /reviews:v3 has 100%/.test(s.message)));
      });

      it('stops a canary rollout on Cancel', async () => {
        const { uri } = writeWorkspaceFile('traffic/canary-cancel.yaml', CANARY_VS);
        await openInEditor(uri);
        const ui = new Ui(
          ['Canary rollout…', 'reviews:v3'],
          ['30', '3600'],
          (s) => (s.modal ? 'Start Rollout' : undefined),
          true,
        );
        ui.install();
        try {
          const running = vscode.commands.executeCommand('istio.shiftTraffic', uri, {
            doc: 0,
            section: 'http',
            index: 0,
          });
          await untilAsync(
            async () =>
              (await vscode.commands.executeCommand<RunRecord | undefined>('istio._test.lastRun'))
                ?.argv[0] === 'apply',
            'the first step to be applied',
          );
          ui.cancel();
          await within(running, 'the cancelled rollout to return');
        } finally {
          ui.restore();
        }
        assert.equal((await kubectlRuns()).filter((a) => a[0] === 'apply').length, 1);
        assert.deepEqual(await servedRoute(), [
          ['v1', 60],
          ['v3', 40],
        ]);
        assert.deepEqual(weightsIn(fs.readFileSync(uri.fsPath, 'utf8')), [60, 40]);
        assert.ok(
          ui.messages('warning').some((s) => /stopped \(cancelled\) at 60\/40, after 1 of 3/.test(s.message)),
          JSON.stringify(ui.shown),
        );
      });
    });
  });

  describe('untrusted workspace', () => {
    afterEach(() => vscode.commands.executeCommand('istio._test.setTrusted', undefined));

    it('every command says why it is disabled and spawns nothing', async () => {
      await vscode.commands.executeCommand('istio._test.setTrusted', false);
      const mark = calls().length;
      for (const id of [
        'istio.install',
        'istio.manifestGenerate',
        'istio.injectSidecar',
        'istio.enableNamespaceInjection',
        'istio.analyze',
        'istio.proxyStatus',
        'istio.proxyConfig',
        'istio.createRemoteSecret',
      ]) {
        const ui = await run(id, new Ui([], []));
        ui.assertDone();
        const warning = ui.messages('warning')[0];
        assert.match(warning?.message ?? '', /is disabled because this workspace is not trusted/, id);
        assert.deepEqual(warning.items, ['Manage Workspace Trust'], id);
      }
      assert.deepEqual(calls().slice(mark), [], 'nothing was spawned');
    });

    it('Shift Traffic still edits the file but does not offer to apply it', async () => {
      await vscode.commands.executeCommand('istio._test.setTrusted', false);
      const { uri } = writeWorkspaceFile('traffic/untrusted.yaml', CANARY_VS);
      const editor = await openInEditor(uri);
      const mark = calls().length;
      const ui = await run('istio.shiftTraffic', new Ui(['50/50'], []), uri, {
        doc: 0,
        section: 'http',
        index: 0,
      });
      ui.assertDone();
      assert.deepEqual(weightsIn(editor.document.getText()), [50, 50]);
      assert.ok(
        ui
          .messages('info')
          .some(
            (s) =>
              /Applying to the cluster is disabled because this workspace is not trusted/.test(s.message) &&
              !s.items.length,
          ),
      );
      const canary = await run('istio.shiftTraffic', new Ui(['Canary rollout…'], []), uri, {
        doc: 0,
        section: 'http',
        index: 0,
      });
      assert.match(
        canary.messages('warning')[0]?.message ?? '',
        /canary rollout" is disabled because this workspace is not trusted/,
      );
      assert.deepEqual(calls().slice(mark), []);
    });

    it('works again once trust is granted', async () => {
      await vscode.commands.executeCommand('istio._test.setTrusted', false);
      await vscode.commands.executeCommand('istio._test.setTrusted', true);
      const ui = await run('istio.proxyStatus', new Ui([], []));
      ui.assertDone();
      assert.equal(vscode.window.activeTextEditor?.document.uri.scheme, 'istio-output');
    });
  });
});
