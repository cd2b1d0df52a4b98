// Debian's Chromium (or CHROME_PATH) driven by playwright-core, which never downloads a browser of its own.
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { chromeArgs, findChrome } from '../../../scripts/chrome.js';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChrome(), headless: true, args: chromeArgs });
}

/** Collects the page's console errors and uncaught exceptions, so a test can require a clean console. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}
