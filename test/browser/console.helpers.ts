import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { consoleBuildDir } from '../../src/http/console.routes.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/identity.ts';
import { launchChromium, seriousViolations } from './browser.helpers.ts';

/** The app on a real socket and a browser page on it, watching for requests elsewhere and the page's errors. */
export interface ConsoleBrowser {
  t: TestApp;
  base: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests the console made to any other host. */
  elsewhere: string[];
  /** Errors the page logged (a CSP refusal is one), but for refusals of the statuses `expected` names. */
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function openConsole(expected: RegExp = /status of 409/): Promise<ConsoleBrowser> {
  // npm install builds the console (postinstall); without a build /app is a 503 and every step would time out.
  if (!existsSync(path.join(consoleBuildDir, 'index.html'))) throw new Error(`no console build in ${consoleBuildDir}: run npm run build:web`);
  const t = await startTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const context = await browser.newContext();
  const elsewhere: string[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (request) => {
    if (!request.url().startsWith(base)) elsewhere.push(request.url());
  });
  context.on('console', (message) => {
    if (message.type() === 'error' && !expected.test(message.text())) consoleErrors.push(`${message.text()} ${message.location().url}`);
  });
  const page = await context.newPage();
  // A step that has not happened in 10 s will not: fail with its locator rather than wait out the suite.
  page.setDefaultTimeout(10_000);
  return {
    t, base, browser, context, page, elsewhere, consoleErrors,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** Fails with axe-core's serious and critical violations on the page as it is now. */
export async function assertNoSeriousViolations(page: Page, what: string): Promise<void> {
  const violations = await seriousViolations(page);
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [], what);
}

/** Signs in through the console's sign-in page and waits for the jobs list. */
export async function signIn(page: Page, base: string, user: Pick<TestUser, 'email' | 'password'>): Promise<void> {
  await page.goto(`${base}/app/sign-in`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${base}/app/jobs`);
}
