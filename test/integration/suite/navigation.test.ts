import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  completionLabels,
  ensureActive,
  hoverText,
  openInEditor,
  positionOf,
  WAIT_MS,
  within,
  writeWorkspaceFile,
} from '../helpers';

// Own namespace and names, so that other suites' files do not take part.
const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: nav-reviews
  namespace: navtest
spec:
  host: nav-reviews
  subsets:
  - name: v1
    labels: {version: v1}
  - name: v2
    labels: {version: v2}
`;
const SVC = `apiVersion: v1
kind: Service
metadata:
  name: nav-reviews
  namespace: navtest
spec:
  selector: {app: nav-reviews}
  ports: [{name: http, port: 9080}]
`;
const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: nav-reviews
  namespace: navtest
spec:
  hosts: [nav-reviews]
  http:
  - route:
    - destination:
        host: nav-reviews
        subset: v2
`;

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    assert.ok(Date.now() < deadline, `timed out after ${WAIT_MS / 1000}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type Loc = vscode.Location | vscode.LocationLink;
const uriOf = (l: Loc): vscode.Uri => ('targetUri' in l ? l.targetUri : l.uri);
const lineOf = (l: Loc): number => ('targetRange' in l ? l.targetRange.start.line : l.range.start.line);

describe('navigation and completion across files', () => {
  before(ensureActive);
  after(closeAllEditors);

  let dr: vscode.Uri;
  let svc: vscode.Uri;
  let vs: vscode.Uri;

  before(() => {
    dr = writeWorkspaceFile('nav/dr.yaml', DR).uri;
    svc = writeWorkspaceFile('nav/svc.yaml', SVC).uri;
    vs = writeWorkspaceFile('nav/vs.yaml', VS).uri;
  });

  it('F12 on a subset goes to the DestinationRule subset entry in a file that is not open', async () => {
    const { document } = await openInEditor(vs);
    const at = positionOf(document, 'subset: v2', 9);
    const locs = await until(async () => {
      const l = await within(
        vscode.commands.executeCommand<Loc[]>('vscode.executeDefinitionProvider', vs, at),
        'vscode.executeDefinitionProvider',
      );
      return l?.length ? l : undefined;
    }, 'the definition of subset v2');
    assert.deepEqual(
      locs.map((l) => [uriOf(l).toString(), lineOf(l)]),
      [[dr.toString(), 10]],
    );
    const host = await within(
      vscode.commands.executeCommand<Loc[]>(
        'vscode.executeDefinitionProvider',
        vs,
        positionOf(document, 'host: nav-reviews', 8),
      ),
      'vscode.executeDefinitionProvider',
    );
    // VS Code orders the locations by file.
    assert.deepEqual(
      host.map((l) => `${uriOf(l).toString()}:${lineOf(l)}`).sort(),
      [`${svc.toString()}:3`, `${dr.toString()}:6`].sort(),
    );
  });

  it('Shift+F12 on the DestinationRule subset finds the route in the other file', async () => {
    const doc = await vscode.workspace.openTextDocument(dr);
    const refs = await within(
      vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeReferenceProvider',
        dr,
        positionOf(doc, 'name: v2', 7),
      ),
      'vscode.executeReferenceProvider',
    );
    assert.deepEqual(
      refs.map((l) => [l.uri.toString(), l.range.start.line]),
      [[vs.toString(), 11]],
    );
  });

  it('hover on the host summarises its Service; completion after subset: offers the subsets', async () => {
    const { document } = await openInEditor(vs);
    const hover = hoverText(
      (await within(
        vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          vs,
          positionOf(document, 'host: nav-reviews', 8),
        ),
        'vscode.executeHoverProvider',
      )) ?? [],
    );
    assert.match(hover, /\*\*Service\*\* `navtest\/nav-reviews` · nav\/svc\.yaml:4/, hover);

    const { uri, cursor } = writeWorkspaceFile(
      'nav/typing.yaml',
      VS.replace('name: nav-reviews\n  namespace', 'name: nav-typing\n  namespace').replace(
        'subset: v2',
        'subset: |',
      ),
    );
    await openInEditor(uri);
    const list = await within(
      vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        cursor,
      ),
      'vscode.executeCompletionItemProvider',
    );
    const labels = completionLabels(list);
    assert.ok(labels.includes('v1') && labels.includes('v2'), labels.join(', '));
    const v2 = list.items.find(
      (i) => i.label === 'v2' || (typeof i.label !== 'string' && i.label.label === 'v2'),
    );
    assert.match(String(v2?.detail), /DestinationRule navtest\/nav-reviews · nav\/dr\.yaml:4/);
  });
});
