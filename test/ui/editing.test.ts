// A person's first minutes with the extension, in a real VS Code (code-server + Chromium):
// open a sample with a mistake, see the squiggle, read the hover, find it in Problems, get
// completion with docs, run an Istio command. Each step leaves a screenshot in the run folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, rigFromEnv, type Rig } from './rig';
import { steps } from './steps';
import { Workbench } from './workbench';

const BROKEN = 'reviews-traffic-shift.yaml';
const RULES = 'destination-rules.yaml';

describe('editing Istio YAML in VS Code', () => {
  let rig: Rig;
  let browser: BrowserContext;
  let page: Page;
  let wb: Workbench;

  const { screenshot, step } = steps(() => ({ rig, page }));

  before(async () => {
    rig = rigFromEnv();
    browser = await launchBrowser(rig);
    page = browser.pages()[0] ?? (await browser.newPage());
    wb = new Workbench(page);
    await page.goto(rig.url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
  });

  step('the workbench shows the samples', async () => {
    await wb.ready('mistakes');
    await screenshot('workbench');
  });

  step('opens a sample with a mistake through Quick Open', async () => {
    await wb.quickOpen(BROKEN);
    await wb.visible(
      wb.activeEditor().locator('.view-line').filter({ hasText: 'wieght: 50' }).first(),
      'the line with "wieght"',
    );
    await screenshot('opened');
  });

  step('sees the squiggle under the mistake', async () => {
    // The first diagnostics need the language server to start: allow it a minute.
    await wb.visible(wb.activeEditor().locator('.squiggly-error').first(), 'an error squiggle', 60_000);
    await screenshot('squiggle');
  });

  step('hovers the squiggle and reads the message', async () => {
    const hover = await wb.hoverOver(
      wb.activeEditor().locator('.squiggly-error').first(),
      'wieght',
      'the error squiggle',
    );
    const text = await hover.innerText();
    assert.match(text, /Unknown field 'wieght'/, `hover text: ${text}`);
    assert.match(text, /weight/, 'the hover suggests the right field');
    await screenshot('hover', 'diagnostic-hover.png');
  });

  step('finds the problem in the Problems panel', async () => {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    const panel = await wb.visible(page.locator('.markers-panel'), 'the Problems panel');
    const row = panel.locator('.monaco-list-row').filter({ hasText: 'wieght' }).first();
    await wb.visible(row, 'a Problems entry about "wieght"');
    await wb.visible(
      panel.locator('.monaco-list-row').filter({ hasText: BROKEN }).first(),
      `${BROKEN} in Problems`,
    );
    await screenshot('problems');
  });

  step('gets completion with documentation inside trafficPolicy', async () => {
    const text = fs.readFileSync(path.join(rig.workspace, 'networking', RULES), 'utf8');
    const line = text.split('\n').findIndex((l) => l === '  trafficPolicy:') + 1;
    assert.ok(line > 0, `no "  trafficPolicy:" line in ${RULES}`);
    await wb.quickOpen(RULES, line);
    // Close the panel so that the editor has room, then open a new line under trafficPolicy.
    await page.keyboard.press('Control+J');
    await wb.cursorOn(line);
    await page.keyboard.press('End');
    await wb.cursorOn(line, '  trafficPolicy:'.length + 1);
    await page.keyboard.press('Enter');
    // Indent the new line one level under trafficPolicy (column 5), whatever auto-indent did.
    const col = await wb.cursorOn(line + 1);
    assert.ok(col === 1 || col === 3 || col === 5, `unexpected cursor column ${col} after Enter`);
    for (let c = col; c < 5; c += 2) await page.keyboard.press('Tab');
    await wb.cursorOn(line + 1, 5);
    await page.keyboard.press('Control+Space');
    const widget = await wb.visible(page.locator('.editor-widget.suggest-widget'), 'the suggest widget');
    for (const key of ['connectionPool', 'loadBalancer', 'outlierDetection']) {
      await wb.visible(
        widget.locator('.monaco-list-row').filter({ hasText: key }).first(),
        `"${key}" in completion`,
      );
    }
    // Ctrl+Space again is "read more": the documentation of the focused item opens beside the
    // list (a fresh profile starts with it closed).
    await page.keyboard.press('Control+Space');
    await wb.visible(
      page.locator('.editor-widget.suggest-widget.shows-details'),
      'the documentation to open',
    );
    await wb.visible(
      page.locator('.suggest-details-container .suggest-details').filter({ hasText: 'connectionPool' }),
      'the documentation of connectionPool beside the list',
    );
    await screenshot('completion', 'completion.png');
    await page.keyboard.press('Escape');
  });

  step('hovers a field and reads its documentation', async () => {
    const key = wb
      .activeEditor()
      .locator('.view-line span')
      .filter({ hasText: /^consecutive5xxErrors$/ })
      .first();
    const hover = await wb.hoverOver(key, 'When unset', 'the consecutive5xxErrors key');
    const text = await hover.innerText();
    assert.match(text, /consecutive5xxErrors/);
    assert.match(text, /integer/);
    await screenshot('field-hover', 'field-hover.png');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  step('F12 on a subset opens the DestinationRule subset in another file', async () => {
    // virtual-services.yaml line 15 is `            subset: v1` (productpage); its DestinationRule is
    // in destination-rules.yaml, where `v1` of `    - name: v1` starts at column 13.
    await wb.quickOpen('virtual-services.yaml', 15);
    await wb.cursorOn(15);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('F12');
    await wb.visible(
      page.locator('.tab.active').filter({ hasText: 'destination-rules.yaml' }),
      'destination-rules.yaml opened by F12',
    );
    // On `v1` of `    - name: v1` (an earlier step added a line to this file, so the line varies).
    await wb.visible(
      page
        .locator('.statusbar-item')
        .filter({ hasText: /Ln (13|14), Col 13\b/ })
        .first(),
      'the cursor on the subset entry',
    );
    await screenshot('definition');
  });

  step('completion after subset: offers the subsets, each with its file and line', async () => {
    // Back from the definition to the subset (Quick Open may still list the file just left first).
    await wb.runCommand('Go Back');
    await wb.visible(
      page.locator('.tab.active').filter({ hasText: 'virtual-services.yaml' }),
      'virtual-services.yaml again',
    );
    await wb.cursorOn(15);
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Control+Space');
    const widget = await wb.visible(page.locator('.editor-widget.suggest-widget'), 'the suggest widget');
    await wb.visible(
      widget
        .locator('.monaco-list-row')
        .filter({ hasText: 'v1' })
        .filter({ hasText: 'networking/destination-rules.yaml:5' })
        .first(),
      'subset v1 from networking/destination-rules.yaml:5',
    );
    await screenshot('subset-completion');
    await page.keyboard.press('Escape');
    await page.keyboard.type('v1');
    // Typing opens the suggestions again (quick suggestions); close them so that the next step
    // starts from a quiet editor.
    const again = page.locator('.editor-widget.suggest-widget');
    await page.waitForTimeout(300);
    if (await again.isVisible()) await page.keyboard.press('Escape');
    await wb.hidden(again, 'the suggest widget');
  });

  step('runs "Istio: Show Output" from the command palette', async () => {
    await wb.runCommand('Istio: Show Output');
    const panel = page.locator('.part.panel');
    await wb.visible(panel.locator('.output-view, [id="workbench.panel.output"]').first(), 'the Output view');
    await wb.selectedOutputChannel('Istio');
    await screenshot('output');
  });

  step('runs "Istio: Install…" on an IstioOperator file, with the fake istioctl', async () => {
    await page.keyboard.press('Control+J');
    await wb.quickOpen('custom-config.yaml');
    await wb.visible(
      wb.activeEditor().locator('.view-line').filter({ hasText: 'kind: IstioOperator' }).first(),
      'the IstioOperator file',
    );
    await wb.runCommand('Istio: Install…');
    // 1/4: the file: the active editor's IstioOperator is offered first.
    const input = page.locator('.quick-input-widget');
    await wb.visible(
      input.locator('.quick-input-title').filter({ hasText: 'IstioOperator file' }),
      'step 1/4',
    );
    await wb.visible(
      input.locator('.monaco-list-row').filter({ hasText: 'custom-config.yaml' }).first(),
      'the active file',
    );
    await page.keyboard.press('Enter');
    // 2/4: the profile: keep the file's (demo).
    await wb.visible(input.locator('.quick-input-title').filter({ hasText: 'profile' }), 'step 2/4');
    await wb.visible(
      input.locator('.monaco-list-row').filter({ hasText: "Keep the file's profile (demo)" }).first(),
      "the file's profile",
    );
    await screenshot('install-profile');
    await page.keyboard.press('Enter');
    // 3/4: no revision. 4/4: one --set entry, then an empty one to finish.
    await wb.visible(input.locator('.quick-input-title').filter({ hasText: 'revision' }), 'step 3/4');
    await page.keyboard.press('Enter');
    await wb.visible(input.locator('.quick-input-title').filter({ hasText: '--set' }), 'step 4/4');
    await page.keyboard.type('meshConfig.enableTracing=true');
    await page.keyboard.press('Enter');
    await wb.visible(
      input.locator('.quick-input-message').filter({ hasText: 'Added: meshConfig.enableTracing=true' }),
      'the added entry',
    );
    await page.keyboard.press('Enter');
    // The modal names the kube context and shows the exact command.
    const dialog = await wb.visible(page.locator('.monaco-dialog-box'), 'the confirmation dialog');
    const text = await dialog.innerText();
    assert.match(text, /fake-cluster/, `the dialog names the context: ${text}`);
    assert.match(
      text,
      /istioctl install -y -f .*custom-config\.yaml --set meshConfig\.enableTracing=true/,
      text,
    );
    await screenshot('install-confirm', 'install.png');
    await dialog.locator('.monaco-button').filter({ hasText: 'Install' }).first().click();
    // The run ends with a success notification that offers the output (a toast that may already
    // have been hidden again, so read it in the notification center).
    await wb.visible(page.locator('.monaco-dialog-box'), 'the dialog to close', 5_000).catch(() => undefined);
    await wb.runCommand('Notifications: Show Notifications');
    const center = page.locator('.notifications-center');
    await wb.visible(
      center
        .locator('.notification-list-item')
        .filter({ hasText: 'installed into kube context "fake-cluster"' })
        .first(),
      'the success notification',
      60_000,
    );
    await screenshot('install-done');
    await page.keyboard.press('Escape');
    const calls = fs
      .readFileSync(process.env.ISTIO_E2E_FAKE_LOG ?? '', 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { tool: string; argv: string[] });
    const install = calls.find((c) => c.tool === 'istioctl' && c.argv[0] === 'install');
    assert.ok(
      install,
      `istioctl install was run; calls: ${JSON.stringify(calls.map((c) => [c.tool, ...c.argv]))}`,
    );
    assert.deepEqual(install.argv.slice(0, 2), ['install', '-y']);
    assert.ok(
      install.argv.includes('--set') && install.argv.includes('meshConfig.enableTracing=true'),
      install.argv.join(' '),
    );
    assert.deepEqual(install.argv.slice(-2), ['--context', 'fake-cluster']);
  });
});
