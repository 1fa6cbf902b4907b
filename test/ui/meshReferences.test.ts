// Issue 12 as a person meets it in a real VS Code: a VirtualService with three broken references
// (`subset: v9`, `gateways: [nonexistent-gw]`, `host: nosuchsvc`) beside the DestinationRule,
// Gateway and workloads it refers to, each in its own file (the fixture of the integration test,
// test/integration/fixtures/mesh-references/, copied into the workspace before the workbench opens).
// No cluster is connected and `istio.references.unresolved` keeps its default, `information`: the
// subset that the DestinationRule does not define is an error (IST0101) pointing at the
// DestinationRule; the gateway and the host, which no file defines, are quiet information
// diagnostics ("not in the workspace; connect a cluster to check").
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, rigFromEnv, type Rig } from './rig';
import { steps } from './steps';
import { Workbench } from './workbench';

const FIXTURE = path.resolve(__dirname, '..', 'integration', 'fixtures', 'mesh-references');
const FOLDER = 'mesh-references';
const VS = 'virtual-service.yaml';
const DR = 'destination-rule.yaml';
const GW = 'gateway.yaml';

/** True when no finite animation runs on a hover or its containers. */
const FADED_IN = `[...document.querySelectorAll('.monaco-hover')].every((h) => {
  for (let n = h; n; n = n.parentElement)
    if (n.getAnimations().some((a) => a.playState === 'running' && a.effect.getTiming().iterations !== Infinity))
      return false;
  return true;
})`;

/** 1-based line and column of `needle` (its first occurrence after `from`) in a fixture file, plus `delta`. */
function place(file: string, needle: string, delta = 0, from = ''): { line: number; column: number } {
  const text = fs.readFileSync(path.join(FIXTURE, file), 'utf8');
  const at = text.indexOf(needle, from ? text.indexOf(from) : 0);
  assert.ok(at >= 0, `"${needle}" not in ${file}`);
  const before = text.slice(0, at + delta).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('broken references across files (issue 12)', () => {
  let rig: Rig;
  let browser: BrowserContext;
  let page: Page;
  let wb: Workbench;

  const { screenshot, step } = steps(() => ({ rig, page }), { prefix: 'mesh-' });

  /** Ctrl+G to `line:column` of the active editor. */
  const goTo = async (at: { line: number; column: number }): Promise<void> => {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await wb.visible(input, 'the Go to Line box');
    await input.fill(`:${at.line}:${at.column}`);
    await page.keyboard.press('Enter');
    await wb.cursorOn(at.line, at.column);
  };

  /** Hovers `target` until a hover with `text` shows, lets it fade in, and returns its text. */
  const hover = async (target: ReturnType<Workbench['activeEditor']>, text: string, what: string) => {
    const h = await wb.hoverOver(target, text, what);
    // The hover fades in: let that finish so that the screenshot shows it in full. (A string,
    // evaluated in the page: this project compiles without the DOM library.)
    await page.waitForFunction(FADED_IN, undefined, { timeout: 5_000 });
    return h.innerText();
  };

  before(async () => {
    rig = rigFromEnv();
    fs.cpSync(FIXTURE, path.join(rig.workspace, FOLDER), { recursive: true });
    browser = await launchBrowser(rig);
    page = browser.pages()[0] ?? (await browser.newPage());
    wb = new Workbench(page);
    await page.goto(rig.url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
  });

  step('Problems lists the findings of a VirtualService that is not open', async () => {
    await wb.ready(FOLDER);
    // Another test file may have left editors open in this browser profile.
    await wb.runCommand('View: Close All Editors');
    await page.keyboard.press('Control+Shift+M');
    const panel = await wb.visible(page.locator('.markers-panel'), 'the Problems panel');
    // Only this folder's findings (the samples have their own).
    const filter = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
    await wb.visible(filter, 'the Problems filter box');
    await filter.fill(`**/${FOLDER}/**`);
    const rows = panel.locator('.monaco-list-row');
    await wb.visible(rows.filter({ hasText: VS }).first(), `${VS} in Problems`, 60_000);
    for (const text of [
      'subset "v9" is not defined by DestinationRule storefront/reviews',
      'Gateway "storefront/nonexistent-gw" is not in the workspace; connect a cluster to check',
      'Service or ServiceEntry "nosuchsvc.storefront.svc.cluster.local" is not in the workspace',
    ])
      await wb.visible(rows.filter({ hasText: text }).first(), `the finding "${text}"`);
    // The related location of the subset error: the DestinationRule in the other file.
    await wb.visible(rows.filter({ hasText: DR }).first(), `the related location in ${DR}`);
    assert.equal(await page.locator('.tab').filter({ hasText: VS }).count(), 0, `${VS} is not open`);
    // The other files of the fixture have no findings.
    for (const f of ['workloads.yaml', GW])
      assert.equal(await rows.filter({ hasText: f }).count(), 0, `${f} has no findings`);
    await screenshot('problems-not-open', 'mesh-problems.png');
  });

  step('the three references are underlined in place', async () => {
    // Close the panel so that the whole file fits in the editor.
    await page.keyboard.press('Control+J');
    await wb.hidden(page.locator('.markers-panel'), 'the Problems panel');
    await wb.quickOpen(VS);
    const editor = wb.activeEditor();
    await wb.visible(editor.locator('.squiggly-error').first(), 'the error squiggle (subset v9)', 60_000);
    // The gateway and the host: information squiggles.
    await wb.visible(editor.locator('.squiggly-info').nth(1), 'two information squiggles');
    // The editor redraws its lines when code lenses and inlay hints arrive: count once it has settled.
    const counts = async (): Promise<[number, number]> => [
      await editor.locator('.squiggly-error').count(),
      await editor.locator('.squiggly-info').count(),
    ];
    let seen = await counts();
    for (let i = 0; i < 20 && (seen[0] !== 1 || seen[1] !== 2); i++) {
      await page.waitForTimeout(500);
      seen = await counts();
    }
    assert.equal(seen[0], 1, 'one error');
    assert.equal(seen[1], 2, 'two information diagnostics');
    await screenshot('squiggles');
  });

  step('the hover of the subset error shows the DestinationRule it checked', async () => {
    const text = await hover(
      wb.activeEditor().locator('.squiggly-error').first(),
      'v9',
      'the error squiggle',
    );
    assert.match(text, /subset "v9" is not defined by DestinationRule storefront\/reviews/, text);
    assert.match(text, /it defines "v1", "v2"/, text);
    assert.match(text, /IST0101/, text);
    // The related information: a link to the DestinationRule's subsets in the other file.
    const { line, column } = place(DR, 'subsets:');
    assert.ok(
      text.includes(`${DR}(${line}, ${column})`),
      `the related location ${DR}(${line}, ${column}): ${text}`,
    );
    await screenshot('subset-hover', 'mesh-subset-hover.png');
  });

  step('F8 peeks at the subset error with the DestinationRule as related location', async () => {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    const v9 = place(VS, 'subset: v9');
    await goTo({ line: v9.line, column: 1 });
    await page.keyboard.press('F8');
    const widget = await wb.visible(
      page
        .locator('.zone-widget')
        .filter({ has: page.locator('.marker-widget') })
        .first(),
      'the problem peek',
    );
    await wb.visible(
      widget.filter({ hasText: 'subset "v9" is not defined' }),
      'the subset error in the peek',
    );
    const { line, column } = place(DR, 'subsets:');
    await wb.visible(
      widget.filter({ hasText: `${DR}(${line}, ${column})` }),
      `the related location ${DR}(${line}, ${column}) in the peek`,
    );
    await screenshot('problem-peek', 'mesh-problem-peek.png');
    await page.keyboard.press('Escape');
    await wb.hidden(widget, 'the problem peek');
  });

  step('the hover of the unknown gateway says how to check it', async () => {
    // The squiggle on the gateways line, whichever of the two information squiggles it is.
    const lineTop = wb.activeEditor().locator('.view-line').filter({ hasText: '- nonexistent-gw' }).first();
    await wb.visible(lineTop, 'the nonexistent-gw line');
    const box = await lineTop.boundingBox();
    assert.ok(box, 'the line has no box');
    const squiggles = wb.activeEditor().locator('.squiggly-info');
    let target = squiggles.first();
    for (let i = 0; i < (await squiggles.count()); i++) {
      const b = await squiggles.nth(i).boundingBox();
      if (b && Math.abs(b.y - box.y) < box.height / 2) target = squiggles.nth(i);
    }
    const text = await hover(target, 'nonexistent-gw', 'the information squiggle on the gateway');
    assert.match(
      text,
      /Gateway "storefront\/nonexistent-gw" is not in the workspace; connect a cluster to check/,
      text,
    );
    await screenshot('gateway-hover', 'mesh-gateway-hover.png');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  step('F12 on a subset opens the DestinationRule at that subset', async () => {
    await goTo(place(VS, 'subset: v1', 'subset: '.length + 1));
    await page.keyboard.press('F12');
    await wb.visible(page.locator('.tab.active').filter({ hasText: DR }), `the editor of ${DR}`);
    const target = place(DR, 'name: v1');
    await wb.cursorOn(target.line);
    await screenshot('definition-subset', 'mesh-definition.png');
  });

  step('Shift+F12 on the DestinationRule subset goes to the one route that uses it', async () => {
    await goTo(place(DR, 'name: v1', 'name: '.length + 1));
    // One reference: VS Code goes there at once (a peek opens for several).
    await page.keyboard.press('Shift+F12');
    await wb.visible(page.locator('.tab.active').filter({ hasText: VS }), `the editor of ${VS}`);
    const route = place(VS, 'subset: v1', 'subset: '.length);
    await wb.cursorOn(route.line, route.column);
  });

  step('Shift+F12 on the Service peeks at the routes and the DestinationRule in other files', async () => {
    await wb.quickOpen('workloads.yaml');
    await goTo(place('workloads.yaml', 'name: reviews', 'name: '.length + 1, 'kind: Service'));
    await page.keyboard.press('Shift+F12');
    const peek = await wb.visible(
      page.locator('.zone-widget .peekview-widget').first(),
      'the references peek',
    );
    const tree = peek.locator('.ref-tree .monaco-list-row');
    for (const f of [VS, DR]) await wb.visible(tree.filter({ hasText: f }).first(), `${f} in the references`);
    await wb.visible(tree.filter({ hasText: 'host: reviews' }).first(), 'a route to reviews');
    await screenshot('references-service', 'mesh-references.png');
    await page.keyboard.press('Escape');
    await wb.hidden(peek, 'the references peek');
  });

  step('F12 on a gateway opens the Gateway', async () => {
    await wb.quickOpen(VS);
    await goTo(place(VS, 'storefront-gateway', 3));
    await page.keyboard.press('F12');
    await wb.visible(page.locator('.tab.active').filter({ hasText: GW }), `the editor of ${GW}`);
    await wb.cursorOn(place(GW, 'name: storefront-gateway').line);
    await screenshot('definition-gateway');
  });

  step('completion after `subset: ` offers the subsets of the DestinationRule', async () => {
    await wb.quickOpen(VS);
    const at = place(VS, 'subset: v9', 'subset: '.length);
    await goTo(at);
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Delete');
    await wb.cursorOn(at.line, at.column);
    await page.keyboard.press('Control+Space');
    const widget = await wb.visible(page.locator('.editor-widget.suggest-widget'), 'the suggest widget');
    const labels = widget.locator('.monaco-list-row .label-name');
    for (const name of ['v1', 'v2'])
      await wb.visible(
        labels.filter({ hasText: new RegExp(`^${name}$`) }).first(),
        `"${name}" in completion`,
      );
    assert.equal(await labels.filter({ hasText: /^v9$/ }).count(), 0, 'no v9');
    // The focused item says where it comes from.
    await wb.visible(
      widget.locator('.monaco-list-row.focused').filter({ hasText: 'DestinationRule storefront/reviews' }),
      'the DestinationRule the subsets come from',
    );
    await screenshot('subset-completion', 'mesh-subset-completion.png');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');
    await wb.visible(
      wb.activeEditor().locator('.view-line').filter({ hasText: 'subset: v9' }).first(),
      'the text put back',
    );
  });
});
