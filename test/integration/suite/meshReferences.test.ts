// The "Done when" of issue 12 in a real VS Code: a VirtualService with three broken references
// (`subset: v9`, `gateways: [nonexistent-gw]`, `host: nosuchsvc`), in a workspace of four files
// (test/integration/fixtures/mesh-references/) and no cluster.
//
// What each reference must give, from the issue text:
// - `subset: v9`: the DestinationRule Istio picks for `reviews` in storefront is in the workspace
//   (destination-rule.yaml) and defines only v1 and v2, so v9 is known to be missing: IST0101, an
//   error, with related information at that DestinationRule, in the other file.
// - `nonexistent-gw` and `nosuchsvc`: no file defines them and no cluster is connected, so they are
//   unknown, not missing: one information diagnostic each, "not in the workspace; connect a
//   cluster to check". That is `istio.references.unresolved` at its default, `information`; set to
//   `warning` (a repository that holds the whole mesh) they become warnings.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  completionLabels,
  copyFixture,
  describeDiagnostics,
  ensureActive,
  openInEditor,
  positionOf,
  waitForDiagnostics,
  within,
} from '../helpers';

const FOLDER = 'mesh-references';
const FILES = ['workloads.yaml', 'destination-rule.yaml', 'gateway.yaml', 'virtual-service.yaml'];
const UNRESOLVED = 'not in the workspace; connect a cluster to check';

const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);
const base = (uri: vscode.Uri): string => path.basename(uri.fsPath);

/**
 * Exactly the three findings: the subset error and the two quiet ones. (While the server is still
 * reading the files it may report others, such as the host `reviews` before workloads.yaml is read.)
 */
const allThree = (ds: vscode.Diagnostic[]): boolean =>
  ds.length === 3 &&
  ds.some((d) => codeOf(d) === 'IST0101' && d.message.includes('"v9"')) &&
  ds.some((d) => d.message.includes('nonexistent-gw') && d.message.includes(UNRESOLVED)) &&
  ds.some((d) => d.message.includes('nosuchsvc') && d.message.includes(UNRESOLVED));

/** A definition result as plain locations (Location or LocationLink). */
function locations(result: (vscode.Location | vscode.LocationLink)[] | undefined): vscode.Location[] {
  return (result ?? []).map((l) =>
    'targetUri' in l ? new vscode.Location(l.targetUri, l.targetSelectionRange ?? l.targetRange) : l,
  );
}

const describeLocations = (ls: vscode.Location[]): string =>
  ls.map((l) => `  ${base(l.uri)}:${l.range.start.line + 1}:${l.range.start.character + 1}`).join('\n') ||
  '(none)';

describe('mesh references across files (issue 12)', () => {
  const uris: Record<string, vscode.Uri> = {};
  const vsUri = (): vscode.Uri => uris['virtual-service.yaml'];

  before(async () => {
    await ensureActive();
    // Written to disk only: the server learns of them through its file watchers.
    for (const f of FILES) uris[f] = copyFixture(`${FOLDER}/${f}`, `${FOLDER}/${f}`);
  });
  after(closeAllEditors);

  it('lists the findings of a file that was never opened', async () => {
    await waitForDiagnostics(
      vsUri(),
      allThree,
      'exactly the three broken references, in a VirtualService that is not open',
    );
    assert.ok(
      !vscode.workspace.textDocuments.some((d) => d.uri.toString() === vsUri().toString()),
      'virtual-service.yaml must not have been opened',
    );
    // The other files of the fixture are correct: nothing in them.
    for (const f of FILES.filter((n) => n !== 'virtual-service.yaml'))
      assert.deepEqual(
        describeDiagnostics(vscode.languages.getDiagnostics(uris[f]).filter((d) => d.source === 'istio')),
        '(none)',
        `${f} has no findings`,
      );
  });

  it('flags the three references in place; the subset error points at the DestinationRule', async () => {
    assert.equal(
      vscode.workspace.getConfiguration('istio').get('references.unresolved'),
      'information',
      'this test is about the default of istio.references.unresolved',
    );
    const { document } = await openInEditor(vsUri());
    const ds = await waitForDiagnostics(vsUri(), allThree, 'the three broken references');
    // Each reference at its place in the YAML (the file's comment names them too).
    const at = (needle: string, before: string): vscode.Diagnostic => {
      const start = positionOf(document, before + needle, before.length);
      const d = ds.find((x) => x.range.start.isEqual(start));
      assert.ok(d, `a diagnostic starting at "${needle}":\n${describeDiagnostics(ds)}`);
      assert.equal(document.getText(d.range), needle, 'the range covers exactly the reference');
      return d;
    };

    const subset = at('v9', 'subset: ');
    assert.equal(codeOf(subset), 'IST0101');
    assert.equal(subset.severity, vscode.DiagnosticSeverity.Error);
    assert.match(subset.message, /"v1", "v2"/, 'the message names the subsets that exist');
    const related = subset.relatedInformation ?? [];
    assert.equal(related.length, 1, `one related location: ${JSON.stringify(related)}`);
    const dr = await vscode.workspace.openTextDocument(uris['destination-rule.yaml']);
    assert.equal(related[0].location.uri.toString(), dr.uri.toString(), 'in destination-rule.yaml');
    assert.equal(
      related[0].location.range.start.line,
      positionOf(dr, 'subsets:').line,
      'at the subsets of the DestinationRule',
    );
    assert.match(related[0].message, /DestinationRule storefront\/reviews/);

    for (const [needle, before, what] of [
      ['nonexistent-gw', '- ', 'Gateway "storefront/nonexistent-gw"'],
      ['nosuchsvc', 'host: ', 'Service or ServiceEntry "nosuchsvc.storefront.svc.cluster.local"'],
    ]) {
      const d = at(needle, before);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Information, describeDiagnostics([d]));
      assert.equal(codeOf(d), 'unresolved-reference');
      assert.equal(d.message, `${what} is ${UNRESOLVED}`);
    }
  });

  it('istio.references.unresolved = warning shows the unknown targets as warnings', async () => {
    const config = vscode.workspace.getConfiguration('istio');
    const severities = (ds: vscode.Diagnostic[], word: string): vscode.DiagnosticSeverity[] =>
      ds.filter((d) => d.message.includes(word)).map((d) => d.severity);
    const both = (s: vscode.DiagnosticSeverity) => (ds: vscode.Diagnostic[]) =>
      ['nonexistent-gw', 'nosuchsvc'].every((w) => severities(ds, w).join() === String(s));
    try {
      const ds = await waitForDiagnostics(
        vsUri(),
        both(vscode.DiagnosticSeverity.Warning),
        'the two unknown targets as warnings',
        () => config.update('references.unresolved', 'warning', vscode.ConfigurationTarget.Workspace),
      );
      // The subset stays an error: it is known to be missing.
      assert.deepEqual(severities(ds, '"v9"'), [vscode.DiagnosticSeverity.Error]);
    } finally {
      await waitForDiagnostics(
        vsUri(),
        both(vscode.DiagnosticSeverity.Information),
        'the two unknown targets back to information',
        () => config.update('references.unresolved', undefined, vscode.ConfigurationTarget.Workspace),
      );
    }
  });

  it('F12 goes from a subset to the DestinationRule, and from a gateway to the Gateway', async () => {
    const { document } = await openInEditor(vsUri());
    const dr = await vscode.workspace.openTextDocument(uris['destination-rule.yaml']);
    const gw = await vscode.workspace.openTextDocument(uris['gateway.yaml']);
    const definition = async (pos: vscode.Position): Promise<vscode.Location[]> =>
      locations(
        await within(
          vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
            'vscode.executeDefinitionProvider',
            vsUri(),
            pos,
          ),
          'vscode.executeDefinitionProvider',
        ),
      );

    // `subset: v1` (the second route's first destination) → `- name: v1` of the DestinationRule.
    const toSubset = await definition(positionOf(document, 'subset: v1', 'subset: '.length + 1));
    assert.deepEqual(
      toSubset.map((l) => [base(l.uri), l.range.start.line]),
      [['destination-rule.yaml', positionOf(dr, 'name: v1').line]],
      describeLocations(toSubset),
    );
    // `- storefront-gateway` → the Gateway's name in gateway.yaml.
    const toGateway = await definition(positionOf(document, 'storefront-gateway', 3));
    assert.deepEqual(
      toGateway.map((l) => [base(l.uri), l.range.start.line]),
      [['gateway.yaml', positionOf(gw, 'name: storefront-gateway').line]],
      describeLocations(toGateway),
    );
    // The subset that does not exist goes nowhere.
    assert.deepEqual(await definition(positionOf(document, 'subset: v9', 'subset: '.length + 1)), []);
  });

  it('Shift+F12 on a DestinationRule subset, a Gateway and a Service lists their users in other files', async () => {
    const dr = await vscode.workspace.openTextDocument(uris['destination-rule.yaml']);
    const gw = await vscode.workspace.openTextDocument(uris['gateway.yaml']);
    const vs = await vscode.workspace.openTextDocument(vsUri());
    const references = async (uri: vscode.Uri, pos: vscode.Position): Promise<vscode.Location[]> =>
      (await within(
        vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, pos),
        'vscode.executeReferenceProvider',
      )) ?? [];
    const inVs = (ls: vscode.Location[]): number[] =>
      ls.filter((l) => base(l.uri) === 'virtual-service.yaml').map((l) => l.range.start.line);

    const ofV1 = await references(dr.uri, positionOf(dr, 'name: v1', 'name: '.length + 1));
    assert.deepEqual(inVs(ofV1), [positionOf(vs, 'subset: v1').line], describeLocations(ofV1));
    const ofV2 = await references(dr.uri, positionOf(dr, 'name: v2', 'name: '.length + 1));
    assert.deepEqual(inVs(ofV2), [], `no route uses v2:\n${describeLocations(ofV2)}`);

    const ofGateway = await references(gw.uri, positionOf(gw, 'storefront-gateway', 3));
    assert.deepEqual(
      inVs(ofGateway),
      [positionOf(vs, '- storefront-gateway').line],
      describeLocations(ofGateway),
    );

    // The Service: the two routes to reviews in the VirtualService and the DestinationRule's host.
    const wl = await vscode.workspace.openTextDocument(uris['workloads.yaml']);
    const service = wl.getText().indexOf('name: reviews', wl.getText().indexOf('kind: Service'));
    const ofService = await references(wl.uri, wl.positionAt(service + 'name: '.length + 1));
    assert.deepEqual(
      inVs(ofService).sort((a, b) => a - b),
      [positionOf(vs, 'host: reviews').line, positionOf(vs, 'host: reviews', 0, 2).line],
      describeLocations(ofService),
    );
    assert.deepEqual(
      ofService.filter((l) => base(l.uri) === 'destination-rule.yaml').map((l) => l.range.start.line),
      [positionOf(dr, 'host: reviews').line],
      describeLocations(ofService),
    );
  });

  it('completion after `subset: ` offers the subsets of the DestinationRule', async () => {
    const editor = await openInEditor(vsUri());
    const start = positionOf(editor.document, 'subset: v9', 'subset: '.length);
    const v9 = new vscode.Range(start, start.translate(0, 2));
    assert.ok(await editor.edit((e) => e.delete(v9)), 'the edit was applied');
    try {
      const list = await within(
        vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          vsUri(),
          start,
        ),
        'vscode.executeCompletionItemProvider',
      );
      const labels = completionLabels(list);
      assert.deepEqual(
        labels.filter((l) => /^v\d+$/.test(l)).sort(),
        ['v1', 'v2'],
        `the subsets v1 and v2; got: ${labels.join(', ')}`,
      );
      const v2 = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'v2');
      const where = [
        typeof v2?.label === 'object' ? v2.label.description : '',
        v2?.detail,
        typeof v2?.documentation === 'string' ? v2.documentation : v2?.documentation?.value,
      ].join(' ');
      assert.match(
        where,
        /destination-rule\.yaml|storefront\/reviews/,
        `the item says where it comes from: ${where}`,
      );
    } finally {
      assert.ok(await editor.edit((e) => e.insert(start, 'v9')), 'the text was put back');
      await editor.document.save();
    }
  });
});
