import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { profile } from '../helpers/database.ts';

/** Debian's Chromium: browser downloads do not work on these machines, so Playwright drives the system binary. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests run on the embedded profile; on the server profile they skip, since the pages and the form do
 * not depend on the database server and CI time is better spent there on what does. They never skip on the
 * embedded profile: a missing browser fails them (.ci/run installs it).
 */
export const skipBrowser: string | false = profile === 'postgres' ? 'browser tests run on the embedded profile only (the pages do not depend on the database server)' : false;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with apt-get install -y chromium (.ci/run does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Presses Tab until the focused element matches `selector`: how a keyboard user gets there, no mouse. */
export async function tabTo(page: Page, selector: string, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    // Strings, not functions: these run in the page, and this project's type check has no DOM library.
    if (await page.evaluate<boolean>(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
  }
  throw new Error(`${selector} was not reached with ${maxPresses} presses of Tab`);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now (injected through the debugger, so the page's CSP does not stop it). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const { violations, passes } = await page.evaluate<{ violations: AxeViolation[]; passes: number }>(
    'axe.run(document).then((r) => ({ violations: r.violations, passes: r.passes.length }))');
  // A run that checked nothing would pass any page: make sure the rules ran.
  if (passes === 0) throw new Error('axe-core checked nothing on the page');
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
