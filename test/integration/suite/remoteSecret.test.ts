// Istio: Create Remote Secret… in a real VS Code, against the fake istioctl and kubectl in
// test/fakes/bin (the istioctl fake answers create-remote-secret in the shape of istioctl 1.30's
// output). Prompts are answered by replacing vscode.window functions for the duration of a test.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseAllDocuments } from 'yaml';
import { ensureActive, extension, within } from '../helpers';

interface FakeCall {
  tool: string;
  argv?: string[];
  event?: string;
  text?: string;
}

interface Shown {
  kind: 'info' | 'warning' | 'error';
  message: string;
  modal: boolean;
  detail?: string;
  items: string[];
}

const PRIMARY = 'fake-cluster'; // the context the kubectl fake serves (ISTIO_FAKE_CONTEXT's default)
const REMOTE = 'gke_acme_europe-west1_Remote';

/** Answers one quick pick, the input boxes, and the messages; records what was shown. */
class Prompts {
  readonly shown: Shown[] = [];
  readonly picked: string[][] = [];
  readonly inputDefaults: (string | undefined)[] = [];
  readonly invalid: string[] = [];
  private readonly saved = new Map<string, unknown>();

  constructor(
    private readonly pick: string | undefined,
    private readonly inputs: ((value: string | undefined) => string | undefined)[],
    private readonly respond: (s: Shown) => string | undefined,
  ) {}

  install(): void {
    const w = vscode.window as unknown as Record<string, unknown>;
    for (const k of [
      'showQuickPick',
      'showInputBox',
      'showInformationMessage',
      'showWarningMessage',
      'showErrorMessage',
    ])
      this.saved.set(k, w[k]);
    w.showQuickPick = async (
      items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>,
    ) => {
      const list = [...(await items)];
      this.picked.push(list.map((i) => `${i.label}|${i.description ?? ''}`));
      return list.find((i) => i.label === this.pick);
    };
    w.showInputBox = (o: vscode.InputBoxOptions = {}) => {
      this.inputDefaults.push(o.value);
      const answer = this.inputs.shift()?.(o.value);
      const problem = answer !== undefined ? (o.validateInput?.(answer) as string | undefined) : undefined;
      if (problem) this.invalid.push(`${answer}: ${problem}`);
      return Promise.resolve(answer);
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
  }

  restore(): void {
    const w = vscode.window as unknown as Record<string, unknown>;
    for (const [k, v] of this.saved) w[k] = v;
  }
}

describe('Create Remote Secret…', function () {
  this.timeout(90_000);
  const saved = {
    path: process.env.PATH,
    log: process.env.ISTIO_FAKE_LOG,
    kubeconfig: process.env.KUBECONFIG,
    mode: process.env.ISTIO_FAKE_MODE,
  };
  let tmp = '';
  let logFile = '';

  const calls = (): FakeCall[] =>
    fs.existsSync(logFile)
      ? fs
          .readFileSync(logFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as FakeCall)
      : [];
  const argvs = (cs: FakeCall[], tool: string, first: string): string[][] =>
    cs.filter((c) => c.tool === tool && c.argv?.[0] === first).map((c) => c.argv ?? []);

  async function run(p: Prompts): Promise<Prompts> {
    p.install();
    try {
      await within(vscode.commands.executeCommand('istio.createRemoteSecret'), 'istio.createRemoteSecret');
    } finally {
      p.restore();
    }
    return p;
  }

  before(async () => {
    await ensureActive();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-remote-'));
    const fakes = path.join(extension().extensionPath, 'test', 'fakes', 'bin');
    if (!(process.env.PATH ?? '').split(path.delimiter).includes(fakes))
      process.env.PATH = `${fakes}${path.delimiter}${process.env.PATH ?? ''}`;
    logFile = path.join(tmp, 'fake-calls.jsonl');
    process.env.ISTIO_FAKE_LOG = logFile;
    delete process.env.ISTIO_FAKE_MODE;
    // Two clusters: the primary (current-context) and the remote one, whose server and CA the Secret carries.
    const kubeconfig = path.join(tmp, 'kubeconfig');
    fs.writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        `current-context: ${PRIMARY}`,
        'clusters:',
        '- name: primary',
        '  cluster: {server: "https://10.0.0.1:6443", certificate-authority-data: UFJJTUFSWQ==}',
        '- name: west',
        '  cluster: {server: "https://10.0.8.1:6443", certificate-authority-data: V0VTVC1DQQ==}',
        'contexts:',
        `- name: ${PRIMARY}`,
        '  context: {cluster: primary, user: admin}',
        `- name: ${REMOTE}`,
        '  context: {cluster: west, user: admin}',
        'users:',
        '- name: admin',
        '  user: {token: kubeconfig-user-token-0123456789}',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    process.env.KUBECONFIG = kubeconfig;
  });

  beforeEach(() => vscode.commands.executeCommand('istio._test.reset'));

  afterEach(async () => {
    await vscode.commands.executeCommand('istio._test.setTrusted', undefined);
    for (let i = 0; i < 10; i++) {
      const dirty = vscode.window.visibleTextEditors.find((e) => e.document.isDirty || e.document.isUntitled);
      if (!dirty) break;
      await vscode.window.showTextDocument(dirty.document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(() => {
    for (const [k, v] of [
      ['PATH', saved.path],
      ['ISTIO_FAKE_LOG', saved.log],
      ['KUBECONFIG', saved.kubeconfig],
      ['ISTIO_FAKE_MODE', saved.mode],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('runs istioctl with the picked context and name, opens the Secret, and applies it after the confirmation', async () => {
    const mark = calls().length;
    const p = await run(
      new Prompts(REMOTE, [(v) => v], (s) =>
        s.modal
          ? 'Apply'
          : s.items.includes('Apply to Primary Cluster…')
            ? 'Apply to Primary Cluster…'
            : undefined,
      ),
    );
    // The contexts of the kubeconfig, the primary marked.
    assert.deepEqual(p.picked, [[`${PRIMARY}|current-context (the primary cluster)`, `${REMOTE}|`]]);
    // The default name is made from the context: a DNS-1123 label.
    assert.deepEqual(p.inputDefaults, [expectedNameFor(REMOTE)]);
    const since = calls().slice(mark);
    assert.deepEqual(argvs(since, 'istioctl', 'create-remote-secret'), [
      ['create-remote-secret', `--context=${REMOTE}`, `--name=${expectedNameFor(REMOTE)}`],
    ]);
    // The result is open in a YAML editor.
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.equal(editor.document.languageId, 'yaml');
    assert.ok(editor.document.isUntitled, 'an untitled document, not a file on disk');
    const secret = parseAllDocuments(editor.document.getText())[0].toJS() as {
      kind: string;
      metadata: { name: string; namespace: string; labels: Record<string, string> };
      stringData: Record<string, string>;
    };
    const name = expectedNameFor(REMOTE);
    assert.equal(secret.kind, 'Secret');
    assert.equal(secret.metadata.name, `istio-remote-secret-${name}`);
    assert.equal(secret.metadata.namespace, 'istio-system');
    assert.equal(secret.metadata.labels['istio/multiCluster'], 'true');
    assert.match(secret.stringData[name], /server: https:\/\/10\.0\.8\.1:6443/);
    // The modal confirmation names the primary context and the exact command.
    const modal = p.shown.find((s) => s.modal);
    assert.ok(modal, 'a modal confirmation was shown');
    assert.match(modal.message, new RegExp(`to kube context "${PRIMARY}"`));
    assert.match(modal.detail ?? '', new RegExp(`kubectl apply --context=${PRIMARY} -f -`));
    // kubectl got the Secret on stdin, as the editor holds it.
    assert.deepEqual(argvs(since, 'kubectl', 'apply'), [['apply', `--context=${PRIMARY}`, '-f', '-']]);
    const stdin = since.find((c) => c.tool === 'kubectl' && c.event === 'stdin');
    assert.equal(stdin?.text, editor.document.getText());
    // The Secret's token never reaches the output channel.
    const token = /token: (\S+)/.exec(secret.stringData[name])?.[1] ?? '';
    assert.ok(token.length > 20, 'the Secret carries a token');
    const runs =
      await vscode.commands.executeCommand<{ output: string; argv: string[] }[]>('istio._test.runs');
    for (const r of runs ?? []) {
      assert.ok(!r.output.includes(token), `the token reached the log of ${r.argv.join(' ')}`);
      assert.ok(!r.output.includes('stringData'), `the Secret reached the log of ${r.argv.join(' ')}`);
    }
    assert.ok(p.shown.some((s) => s.kind === 'info' && /applied the remote secret/.test(s.message)));
  });

  it('applies nothing when the confirmation is cancelled, or the offer declined; the editor stays', async () => {
    for (const respond of [
      (s: Shown) =>
        s.modal
          ? undefined
          : s.items.includes('Apply to Primary Cluster…')
            ? 'Apply to Primary Cluster…'
            : undefined,
      () => undefined,
    ]) {
      const mark = calls().length;
      const p = await run(new Prompts(REMOTE, [() => 'west-1'], respond));
      const since = calls().slice(mark);
      assert.deepEqual(argvs(since, 'istioctl', 'create-remote-secret'), [
        ['create-remote-secret', `--context=${REMOTE}`, '--name=west-1'],
      ]);
      assert.deepEqual(argvs(since, 'kubectl', 'apply'), [], 'kubectl apply never ran');
      assert.match(
        vscode.window.activeTextEditor?.document.getText() ?? '',
        /name: istio-remote-secret-west-1/,
      );
      assert.ok(!p.shown.some((s) => /applied the remote secret/.test(s.message)));
    }
  });

  it('refuses a name that is not a DNS-1123 label, running nothing', async () => {
    const mark = calls().length;
    const p = await run(new Prompts(REMOTE, [() => 'West_1'], () => undefined));
    assert.equal(p.invalid.length, 1, 'the input box said why');
    assert.deepEqual(argvs(calls().slice(mark), 'istioctl', 'create-remote-secret'), []);
  });

  it('in an untrusted workspace says why and spawns nothing', async () => {
    await vscode.commands.executeCommand('istio._test.setTrusted', false);
    const mark = calls().length;
    const p = await run(new Prompts(REMOTE, [(v) => v], () => undefined));
    assert.deepEqual(p.picked, [], 'no context was offered');
    assert.match(p.shown[0]?.message ?? '', /is disabled because this workspace is not trusted/);
    assert.deepEqual(calls().slice(mark), [], 'nothing was spawned');
  });
});

/** The name istioctl is given by default: the context's last `/` part, made a DNS-1123 label. */
function expectedNameFor(context: string): string {
  // Written out for the one context used here rather than computed with the code under test.
  assert.equal(context, REMOTE);
  return 'gke-acme-europe-west1-remote';
}
