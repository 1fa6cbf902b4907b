// The editor `npm start` opens (scripts/e2e/lib/user-editor.mjs): the packaged .vsix installed,
// code-server without the smoke-test driver, a working copy of samples/. What a user sees there:
// notifications appear as toasts, "Set path…" lands on the setting, and saving an edit leaves the
// repository's samples/ untouched. Each step leaves a screenshot in the run folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, rigFromEnv, type Rig } from '../rig';
import { steps } from '../steps';
import { Workbench } from '../workbench';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SAMPLE = path.join('mistakes', 'reviews-traffic-shift.yaml');

describe('the editor npm start opens', () => {
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

  step('the workbench shows the working copy of the samples, with diagnostics', async () => {
    await wb.ready('mistakes');
    await wb.quickOpen(path.basename(SAMPLE));
    await wb.visible(wb.activeEditor().locator('.squiggly-error').first(), 'an error squiggle', 60_000);
    await screenshot('user-workbench');
  });

  const toast = (): ReturnType<Page['locator']> =>
    page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'istioctl' }).first();

  step('a command without istioctl shows a notification toast', async () => {
    await wb.runCommand('Istio: Install…');
    await wb.visible(toast(), 'a notification toast about istioctl');
    assert.match(await toast().innerText(), /Set path…/);
    await screenshot('toast', 'toast.png');
  });

  step('"Set path…" opens the Remote settings tab, filtered to istio.istioctl.path', async () => {
    await toast().getByRole('button', { name: 'Set path…' }).click();
    const editor = page.locator('.settings-editor');
    await wb.visible(editor, 'the settings editor');
    await wb.visible(
      editor.locator('.setting-item-contents').filter({ hasText: 'Istioctl: Path' }).first(),
      'the istio.istioctl.path setting in the settings editor',
    );
    const tab = editor.locator('.settings-tabs-widget .action-label.checked');
    await wb.visible(tab, 'the selected settings tab');
    assert.match(await tab.innerText(), /Remote/, 'machine-scoped settings live on the Remote tab');
    await screenshot('set-path');
    await page.keyboard.press('Control+W');
  });

  step("an edit and a save change the working copy, never the repository's samples/", async () => {
    const original = fs.readFileSync(path.join(ROOT, 'samples', SAMPLE), 'utf8');
    await wb.quickOpen(path.basename(SAMPLE));
    await wb.activeEditor().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('# edited by the UI test\n');
    await page.keyboard.press('Control+S');
    const copy = path.join(rig.workspace, SAMPLE);
    const deadline = Date.now() + 30_000;
    while (!fs.readFileSync(copy, 'utf8').startsWith('# edited by the UI test')) {
      assert.ok(Date.now() < deadline, `the save did not reach ${copy}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(fs.readFileSync(path.join(ROOT, 'samples', SAMPLE), 'utf8'), original);
    assert.notEqual(path.resolve(rig.workspace), path.resolve(ROOT, 'samples'));
    await screenshot('saved-copy');
  });
});
