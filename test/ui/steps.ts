/**
 * The step runner every UI suite shares: numbered screenshots (copied into docs/ with --update-docs)
 * and steps that depend on each other, so that once one fails the ones after it are skipped instead
 * of failing for the same reason. The failed step itself fails, with a screenshot.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Rig } from './rig';

export interface Steps {
  /** Saves `NN-<prefix><name>.png` in the run folder and, with --update-docs, `docs/<docsName>`. */
  screenshot: (name: string, docsName?: string) => Promise<string>;
  /** One step; `independent` steps run even after an earlier failure and do not stop later ones. */
  step: (name: string, fn: () => Promise<void>, independent?: boolean) => void;
}

export function steps(
  current: () => { rig: Rig; page: Page },
  options: { prefix?: string; timeout?: number } = {},
): Steps {
  let shot = 0;
  let failed: string | undefined;
  const prefix = options.prefix ?? '';
  const screenshot = async (name: string, docsName?: string): Promise<string> => {
    const { rig, page } = current();
    const file = path.join(rig.screenshots, `${prefix}${String(++shot).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    if (docsName && rig.docsDir) {
      fs.mkdirSync(rig.docsDir, { recursive: true });
      fs.copyFileSync(file, path.join(rig.docsDir, docsName));
    }
    return file;
  };
  const step = (name: string, fn: () => Promise<void>, independent = false): void => {
    it(name, { timeout: options.timeout ?? 120_000 }, async (t) => {
      if (failed && !independent) {
        t.skip(`an earlier step failed: ${failed}`);
        return;
      }
      try {
        await fn();
      } catch (err) {
        if (!independent) failed = name;
        const file = await screenshot(`FAILED-${name.replace(/\W+/g, '-')}`).catch(() => '(no screenshot)');
        const message = err instanceof Error ? err.message : String(err);
        throw new Error(`${message}\n  screenshot: ${file}\n  run folder: ${current().rig.runDir}`, {
          cause: err,
        });
      }
    });
  };
  return { screenshot, step };
}
