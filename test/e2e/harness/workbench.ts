/**
 * Drives the VS Code workbench in Chromium with playwright-core: open files, run palette commands, and read
 * notifications, the Problems panel, ghost text, webview frames and the status bar.
 */
import type { Frame, Page } from 'playwright-core';

export interface Problem {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

const QUICK_INPUT = '.quick-input-widget';
const QUICK_ROWS = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;

export class Workbench {
  constructor(readonly page: Page) {}

  async ready(timeoutMs = 60_000): Promise<void> {
    await this.page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
    await this.page.waitForSelector('.explorer-folders-view, .welcome-view', { timeout: timeoutMs }).catch(() => undefined);
  }

  /** Opens the palette (F1) with `text` typed in, and waits for the list to settle. */
  private async openPalette(text: string): Promise<void> {
    await this.page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 }, force: true }).catch(() => undefined);
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    await this.page.waitForSelector(`${QUICK_INPUT} input`, { state: 'visible', timeout: 10_000 });
    await this.page.keyboard.type(text, { delay: 5 });
    await this.page.waitForTimeout(300);
  }

  /** Labels of the palette rows shown for `text` (retrying briefly while the list is empty). */
  async paletteEntries(text: string, timeoutMs = 30_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.openPalette(`>${text}`.replace(/^>>/, '>'));
      const labels = await this.page.locator(QUICK_ROWS).evaluateAll((rows) =>
        rows.map((r) => (r.getAttribute('aria-label') ?? r.textContent ?? '').trim()),
      );
      await this.page.keyboard.press('Escape');
      if (labels.some((l) => l.startsWith(text)) || Date.now() > deadline) return labels;
      await this.page.waitForTimeout(1_000);
    }
  }

  /**
   * Runs the palette command whose full title (e.g. "Ascend: Check Host") matches exactly. Retries while the
   * workbench is still registering extensions (a cold, loaded machine can take tens of seconds).
   */
  async runCommand(title: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.openPalette(title);
      const row = this.page.locator(QUICK_ROWS, { hasText: title }).first();
      try {
        await row.waitFor({ state: 'visible', timeout: 3_000 });
        const label = (await row.getAttribute('aria-label')) ?? '';
        if (!label.startsWith(title)) throw new Error(`palette's first match for "${title}" is "${label}"`);
        await row.click();
        return;
      } catch (err) {
        await this.page.keyboard.press('Escape');
        if (Date.now() > deadline) throw err;
        await this.page.waitForTimeout(1_000);
      }
    }
  }

  /** Opens a workspace file by its path relative to the workspace, through Quick Open. */
  async openFile(relPath: string): Promise<void> {
    await this.openPalette('');
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(relPath, { delay: 5 });
    const name = relPath.split('/').pop() ?? relPath;
    const row = this.page.locator(QUICK_ROWS, { hasText: name }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
    await this.page.waitForSelector(`.tab[data-resource-name="${name}"], .tab[aria-label^="${name}"]`, { timeout: 15_000 });
    await this.page.waitForSelector('.monaco-editor .view-lines', { timeout: 15_000 });
  }

  /** Moves the cursor in the active editor to 1-based `line`:`column` (Quick Open's ":line:column"). */
  async goto(line: number, column = 1): Promise<void> {
    await this.openPalette('');
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(`:${line}:${column}`, { delay: 5 });
    await this.page.waitForTimeout(200);
    await this.page.keyboard.press('Enter');
    await this.page.waitForTimeout(200);
  }

  /** The active editor's visible text, line by line (the Monaco view, so it reflects edits at once). */
  async editorText(): Promise<string> {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().evaluate((el) =>
      Array.from(el.querySelectorAll(".view-line"))
        .map((l) => ({ top: parseFloat((l as HTMLElement).style.top || '0'), text: (l.textContent ?? '').replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text)
        .join('\n'),
    );
  }

  /** Opens the quick-fix menu at the cursor and applies the action whose title contains `title`. */
  async applyQuickFix(title: string): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      await this.runCommand('Quick Fix...');
      const row = this.page.locator('.actionList .monaco-list-row.action', { hasText: title }).first();
      try {
        await row.waitFor({ state: 'visible', timeout: 3_000 });
        // The action list focuses the row under the mouse; Enter applies the focused action.
        await row.hover({ force: true });
        await this.page.locator('.actionList .monaco-list-row.action.focused', { hasText: title }).waitFor({ timeout: 3_000 });
        await this.page.keyboard.press('Enter');
        return;
      } catch (err) {
        await this.page.keyboard.press('Escape');
        if (Date.now() > deadline) throw err;
        await this.page.waitForTimeout(500);
      }
    }
  }

  /** Shows the hover at the cursor and returns its text. */
  async hoverText(): Promise<string> {
    await this.runCommand('Show or Focus Hover');
    const deadline = Date.now() + 10_000;
    for (;;) {
      const texts = await this.page.locator('.monaco-hover-content').evaluateAll((els) =>
        els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => (e.textContent ?? '').trim()).filter(Boolean));
      if (texts.length > 0) return texts.join('\n');
      if (Date.now() > deadline) throw new Error('no hover appeared');
      await this.page.waitForTimeout(250);
    }
  }

  /** Text of every notification toast now visible (and in the notification center, if open). */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notification-list-item-message').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
  }

  /** Waits until a notification containing `text` appears, and returns its full text. */
  async waitForNotification(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = (await this.notifications()).find((n) => (typeof text === 'string' ? n.includes(text) : text.test(n)));
      if (found) return found;
      await this.page.waitForTimeout(200);
    }
    throw new Error(`no notification matching ${String(text)}; saw: ${JSON.stringify(await this.notifications())}`);
  }

  /** Rows of the Problems panel, parsed from their accessible labels. */
  async problems(): Promise<Problem[]> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await this.page.waitForSelector('.markers-panel', { timeout: 10_000 });
    await this.page.waitForTimeout(300);
    const labels = await this.page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('aria-label') ?? ''),
    );
    const problems: Problem[] = [];
    let file = '';
    for (const label of labels) {
      // VS Code 1.100's markers panel labels: a resource row "2 problems in file serve.vllm.yaml of folder .",
      // then marker rows "Error: <message> at line 1 and character 8. generated by ascend-llm".
      const resource = /problems? in file (.+?) of folder /.exec(label);
      if (resource) {
        file = resource[1];
        continue;
      }
      const marker = /^(Error|Warning|Info):\s*([\s\S]*) at line (\d+) and character (\d+)\.(?: generated by .*)?$/.exec(label);
      if (marker) {
        problems.push({
          severity: marker[1].toLowerCase() as Problem['severity'], message: marker[2].trim(),
          line: Number(marker[3]), column: Number(marker[4]), file,
        });
      }
    }
    return problems;
  }

  /**
   * The inline-suggestion ghost text in the active editor ('' when none): the inline part on the cursor line
   * (Monaco splits it into several decorations by token), then any further lines of a multi-line suggestion.
   */
  async ghostText(): Promise<string> {
    const inline = await this.page.locator('.monaco-editor .ghost-text-decoration, .monaco-editor .ghost-text-decoration-preview')
      .evaluateAll((els) => els.map((e) => e.textContent ?? '').join(''));
    // Further lines of a multi-line suggestion (or a next-line suggestion) are a view zone: VS Code 1.100 renders
    // them as .suggest-preview-text .view-line (older releases as .ghost-text .view-line).
    const lines = await this.page.locator('.monaco-editor .suggest-preview-text .view-line, .monaco-editor .ghost-text .view-line')
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    return [inline, ...lines].join('\n').replace(/\u00a0/g, ' ').replace(/\n+$/, '');
  }

  /** The inner frame of the webview whose tab title contains `title` (nested iframes: webview, then active-frame). */
  async webviewFrame(timeoutMs = 20_000): Promise<Frame> {
    const outer = await this.page.waitForSelector('iframe.webview.ready', { timeout: timeoutMs });
    const outerFrame = await outer.contentFrame();
    if (!outerFrame) throw new Error('webview iframe has no frame');
    const inner = await outerFrame.waitForSelector('#active-frame', { timeout: timeoutMs });
    const frame = await inner.contentFrame();
    if (!frame) throw new Error('webview #active-frame has no frame');
    return frame;
  }

  /** Texts of the status bar items. */
  async statusBar(): Promise<string[]> {
    return this.page.locator('.statusbar-item').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()).filter(Boolean));
  }
}
