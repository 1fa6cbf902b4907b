// The editor `npm start` opens, with its demo cluster (scripts/e2e/lib/demo-cluster.mjs: the test
// API server seeded with bookinfo, its kubeconfig named in code-server's machine settings), on a
// working copy of samples/. What a person sees: the cluster-only mistakes of samples/cluster/
// flagged in place, the cluster status item ("demo cluster"), the API server going away
// (unreachable, no false errors) and coming back (recovered by itself). A screenshot per step.
// Expected findings come from the seed (scripts/apiserver/seeds/bookinfo): the legacy namespace
// has the sleep Service and one pod labelled app=sleep, no Service httpbin, and no injection label.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, rigFromEnv, type Rig } from '../rig';
import { steps } from '../steps';
import { Workbench } from '../workbench';

const CONTEXT = 'demo cluster';
const SUBSETS = path.join('cluster', 'sleep-subsets.yaml');
const ROUTES = path.join('cluster', 'sleep-routes.yaml');
const WORKLOAD = path.join('cluster', 'legacy-workload.yaml');

describe('the npm start editor against its demo cluster', () => {
  let rig: Rig;
  let browser: BrowserContext;
  let page: Page;
  let wb: Workbench;
  let control: { url: string; token: string };

  const { screenshot, step } = steps(() => ({ rig, page }), { timeout: 150_000 });

  const ctl = async (method: string, route: string): Promise<unknown> => {
    const res = await fetch(`${control.url}${route}`, {
      method,
      headers: { Authorization: `Bearer ${control.token}` },
    });
    assert.ok(res.ok, `control ${method} ${route}: ${res.status}`);
    return res.json();
  };

  /**
   * Hovers the squiggle of `kind` on the line of `file` (in the workspace) that is `lineText`,
   * found by its line number in the gutter; returns the hover's text.
   */
  const hoverSquiggle = async (
    file: string,
    lineText: string,
    kind: 'error' | 'warning' | 'info',
    expect: RegExp,
  ): Promise<string> => {
    const editor = wb.activeEditor();
    const lines = fs.readFileSync(path.join(rig.workspace, file), 'utf8').split('\n');
    const n = lines.findIndex((l) => l.trim() === lineText) + 1;
    assert.ok(n > 0, `no line "${lineText}" in ${file}`);
    const line = editor
      .locator('.margin-view-overlays .line-numbers')
      .filter({ hasText: new RegExp(`^${n}$`) });
    await wb.visible(line, `line number ${n} of ${file}`);
    const squiggle = editor.locator(`.squiggly-${kind}`);
    await wb.visible(squiggle.first(), `a ${kind} squiggle`, 90_000);
    const lineBox = await line.boundingBox();
    assert.ok(lineBox, 'the line has no box');
    // The squiggle on that line (the decorations layer is separate from the text layer).
    let target: Locator | undefined;
    for (const s of await squiggle.all()) {
      const b = await s.boundingBox();
      if (b && Math.abs(b.y + b.height / 2 - (lineBox.y + lineBox.height / 2)) < lineBox.height / 2)
        target = s;
    }
    assert.ok(target, `no ${kind} squiggle on the line "${lineText}"`);
    const hover = await wb.hoverOver(target, expect, `the ${kind} squiggle on the line "${lineText}"`);
    return hover.innerText();
  };

  /** Hovers the language status ({}) of the status bar; returns the cluster item's text. */
  const clusterStatus = async (expect: RegExp, timeout = 60_000): Promise<string> => {
    const deadline = Date.now() + timeout;
    let last = '';
    for (;;) {
      await page.mouse.move(5, 5);
      const entry = page.locator('[id="status.languageStatus"]');
      await wb.visible(entry, 'the language status in the status bar');
      await entry.hover();
      const item = page.locator('.hover-language-status > .element').filter({ hasText: CONTEXT }).first();
      try {
        await item.waitFor({ state: 'visible', timeout: 5000 });
        last = await item.innerText();
        if (expect.test(last)) return last;
      } catch {
        last = '(no cluster item in the language status hover)';
      }
      if (Date.now() > deadline)
        throw new Error(
          `the cluster status did not match ${expect.source} within ${timeout / 1000}s: ${last}`,
        );
      await new Promise((r) => setTimeout(r, 1000));
    }
  };

  /** Clicks the editor tab of an open file. */
  const openTab = async (name: string): Promise<void> => {
    await page.locator('.tab').filter({ hasText: name }).first().click();
    await wb.visible(page.locator('.tab.active').filter({ hasText: name }), `the editor tab of ${name}`);
  };

  before(async () => {
    rig = rigFromEnv();
    const file = process.env.ISTIO_E2E_CLUSTER_CONTROL;
    assert.ok(
      file,
      'ISTIO_E2E_CLUSTER_CONTROL is not set: run with `npm run test:ui` (scripts/e2e/run-ui.mjs)',
    );
    control = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof control;
    browser = await launchBrowser(rig);
    page = browser.pages()[0] ?? (await browser.newPage());
    wb = new Workbench(page);
    await page.goto(rig.url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
  });

  step('a DestinationRule subset whose labels match no pod is flagged in place', async () => {
    await wb.ready('cluster');
    await wb.quickOpen('sleep-subsets.yaml');
    const text = await hoverSquiggle(SUBSETS, 'version: v2', 'error', /selects no workload/);
    assert.match(text, /subset "v2" selects no workload/);
    assert.match(text, /0 pods in namespace legacy match .*version=v2 \(cluster demo cluster\)/, text);
    await screenshot('cluster-subset', 'cluster-subset.png');
  });

  step('a route to a host with no Service is flagged in place', async () => {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await wb.quickOpen('sleep-routes.yaml');
    const text = await hoverSquiggle(ROUTES, 'host: httpbin', 'error', /httpbin/);
    assert.match(text, /IST0101/);
    await screenshot('cluster-host', 'cluster-host.png');
  });

  step('a namespace without sidecar injection is flagged in place', async () => {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await wb.quickOpen('legacy-workload.yaml');
    const text = await hoverSquiggle(WORKLOAD, 'name: legacy', 'info', /sidecar injection/);
    assert.match(text, /IST0102/);
    assert.match(text, /namespace legacy is not enabled for sidecar injection/);
    await screenshot('cluster-injection', 'cluster-injection.png');
  });

  step('the cluster status item says "demo cluster", connected, with the Istio version', async () => {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await openTab('sleep-subsets.yaml');
    const text = await clusterStatus(/Connected/);
    assert.match(text, /demo cluster/);
    assert.match(text, /Istio 1\.30\.3/);
    await screenshot('cluster-status', 'cluster-status.png');
  });

  step('killing the API server shows unreachable, and no diagnostic turns into a false error', async () => {
    const errorsBefore = await wb.activeEditor().locator('.squiggly-error').count();
    await ctl('POST', '/refuse');
    const text = await clusterStatus(/demo cluster: unreachable/);
    assert.match(text, /Cannot reach the API server/);
    // Give the diagnostics time to follow (the watches broke at once), then count the errors.
    await new Promise((r) => setTimeout(r, 3000));
    const errorsAfter = await wb.activeEditor().locator('.squiggly-error').count();
    assert.ok(errorsAfter <= errorsBefore, `error squiggles went from ${errorsBefore} to ${errorsAfter}`);
    await clusterStatus(/demo cluster: unreachable/);
    await screenshot('cluster-unreachable', 'cluster-unreachable.png');
  });

  step('restarting the API server recovers by itself', async () => {
    await ctl('POST', '/accept');
    await clusterStatus(/Connected/, 90_000);
    await page.mouse.move(5, 5);
    await openTab('sleep-subsets.yaml');
    await hoverSquiggle(SUBSETS, 'version: v2', 'error', /selects no workload/);
    await page.mouse.move(5, 5);
    await clusterStatus(/Connected/);
    await screenshot('cluster-recovered', 'cluster-recovered.png');
  });
});
