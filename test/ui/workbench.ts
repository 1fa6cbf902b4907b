// The VS Code workbench as a person uses it: keyboard shortcuts, Quick Open, the command
// palette, and what is on screen. Every wait is bounded and says what it waited for.
import { errors, type Locator, type Page } from 'playwright-core';

const isTimeout = (err: unknown): boolean => err instanceof errors.TimeoutError;

export const WAIT_MS = 30_000;

export class Workbench {
  constructor(readonly page: Page) {}

  /** Waits for the workbench with its explorer showing the workspace. */
  async ready(explorerItem: string): Promise<void> {
    await this.visible(this.page.locator('.monaco-workbench'), 'the workbench', 60_000);
    await this.visible(
      this.page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: explorerItem }).first(),
      `"${explorerItem}" in the explorer`,
      60_000,
    );
  }

  /** Ctrl+P, the file name, Enter; waits for its editor tab to be active. */
  async quickOpen(fileName: string, line?: number): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.visible(input, 'the Quick Open box');
    await input.fill(line ? `${fileName}:${line}` : fileName);
    // The focused row: the list first shows recently opened files, then the search result.
    await this.visible(
      this.page.locator('.quick-input-list .monaco-list-row.focused').filter({ hasText: fileName }).first(),
      `"${fileName}" focused in the Quick Open list`,
    );
    await this.page.keyboard.press('Enter');
    await this.visible(
      this.page.locator('.tab.active').filter({ hasText: fileName }),
      `the editor tab of ${fileName}`,
    );
    await this.visible(this.activeEditor(), `the editor of ${fileName}`);
  }

  /**
   * F1, then `>Category: Title`, Enter. A widget that opens late in the editor (suggestions after
   * typing) can take the focus back and close the palette as it opens: then it is opened once more.
   */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      await this.visible(input, 'the command palette');
      try {
        await input.fill(`>${title}`, { timeout: attempt === 1 ? 5_000 : WAIT_MS });
        break;
      } catch (err) {
        if (attempt > 1) throw err;
        await this.page.keyboard.press('Escape');
      }
    }
    await this.visible(
      this.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first(),
      `"${title}" in the command palette`,
    );
    await this.page.keyboard.press('Enter');
  }

  /**
   * Waits until the status bar shows the cursor on `line` (and at `column`, if given) and returns
   * the column. The status bar updates after a key press, so wait for the value you expect.
   */
  async cursorOn(line: number, column?: number): Promise<number> {
    const text = new RegExp(`Ln ${line}, Col ${column ?? '\\d+'}\\b`);
    const item = this.page.locator('.statusbar-item').filter({ hasText: text }).first();
    await this.visible(item, `the status bar to show the cursor at ${text.source}`);
    const m = /Col (\d+)/.exec(await item.innerText());
    if (!m) throw new Error('no "Col N" in the status bar');
    return Number(m[1]);
  }

  /** Waits until the Output view shows `channel` (its "Switch Output" drop-down). */
  async selectedOutputChannel(channel: string, timeout = WAIT_MS): Promise<void> {
    // A string, evaluated in the page: this project compiles without the DOM library.
    const selected = `[...document.querySelectorAll('.part.panel select[aria-label="Switch Output"]')]
      .some((s) => s.options[s.selectedIndex] && s.options[s.selectedIndex].text === ${JSON.stringify(channel)})`;
    try {
      await this.page.waitForFunction(selected, undefined, { timeout });
    } catch (err) {
      if (!isTimeout(err)) throw err;
      throw new Error(
        `Timed out after ${timeout / 1000}s waiting for the Output view to show the "${channel}" channel`,
      );
    }
  }

  /**
   * Points the mouse at the middle of `target` (at most 20 px in) and waits for a hover that
   * contains `text`. Code lenses and inlay hints that arrive late move the editor's lines: a hover
   * that does not come is asked for again at the target's new place, three times in all.
   */
  async hoverOver(target: Locator, text: string | RegExp, what: string): Promise<Locator> {
    const hover = this.page.locator('.monaco-hover').filter({ hasText: text }).first();
    for (let attempt = 1; ; attempt++) {
      await this.page.mouse.move(5, 5);
      await this.visible(target, what);
      const box = await target.boundingBox();
      if (!box) throw new Error(`${what} has no box on screen`);
      await this.page.mouse.move(box.x + Math.min(box.width / 2, 20), box.y + box.height / 2);
      try {
        return await this.visible(
          hover,
          `a hover mentioning ${typeof text === 'string' ? `"${text}"` : text.source} over ${what}`,
          10_000,
        );
      } catch (err) {
        if (attempt === 3) throw err;
        console.log(`# no hover over ${what} after 10 s (attempt ${attempt} of 3); pointing again`);
      }
    }
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  async visible(locator: Locator, what: string, timeout = WAIT_MS): Promise<Locator> {
    try {
      await locator.waitFor({ state: 'visible', timeout });
    } catch (err) {
      if (!isTimeout(err)) throw err;
      throw new Error(`Timed out after ${timeout / 1000}s waiting for ${what} (${locator.toString()})`);
    }
    return locator;
  }

  async hidden(locator: Locator, what: string, timeout = WAIT_MS): Promise<void> {
    try {
      await locator.waitFor({ state: 'hidden', timeout });
    } catch (err) {
      if (!isTimeout(err)) throw err;
      throw new Error(`Timed out after ${timeout / 1000}s waiting for ${what} to go away`);
    }
  }
}
