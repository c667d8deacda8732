import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { ADMIN_PASSWORD, USER_PASSWORD } from './api';
import { startEmbeddedApp, type TestApp } from './app';
import { requireServices } from './services';

/**
 * Browser tests drive Debian's `chromium` package through playwright-core.
 * Where it is absent, their suites skip with a message saying how to install it;
 * with REQUIRE_SERVICES=1 (CI) they fail instead, as `describeWithServices` does.
 */
export const CHROMIUM = process.env.VIGIE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const ROOT = resolve(__dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'browser');

export function describeWithBrowser(title: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(title, body);
    return;
  }
  const why = `${CHROMIUM} is not installed (install it: apt-get update && apt-get install -y chromium)`;
  if (requireServices()) {
    describe(title, () => {
      it('needs a browser (REQUIRE_SERVICES=1)', () => {
        throw new Error(why);
      });
    });
  } else {
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED "${title}": ${why}`);
    describe.skip(`${title} [skipped: ${why}]`, body);
  }
}

/** Builds apps/console/dist with scripts/build-console.js when it is missing or older than its sources. */
export function ensureConsoleBuilt(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const build = require(join(ROOT, 'scripts/build-console.js')) as { upToDate(): boolean; build(): number };
  if (build.upToDate()) return;
  if (build.build() !== 0) throw new Error('the console build failed: run node scripts/build-console.js');
  if (!build.upToDate()) throw new Error('the console is still not built: is vite installed (npm install)?');
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page; answers the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated rather than added as a script tag: the console's CSP forbids inline scripts.
  await page.evaluate(source);
  // A string, evaluated in the page: this file is compiled without the DOM library.
  const violations = await page.evaluate<AxeViolation[]>(`(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  })()`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Waits until no CSS transition or animation is running (a modal fading in is
 * drawn in blended colours, which axe would measure as low contrast).
 */
export async function settled(page: Page): Promise<void> {
  // A function, not a string: the console's CSP forbids evaluating strings.
  await page.waitForFunction(() => {
    type Timing = { getComputedTiming(): { iterations?: number } };
    const doc = (
      globalThis as unknown as { document: { getAnimations(): Array<{ playState: string; effect: Timing | null }> } }
    ).document;
    return doc
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity);
  });
}

/** Each serious or critical axe violation of the screen fails the test, with the screen's name; a screenshot is kept. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await settled(page);
  await screenshot(page, name);
  const violations = await seriousAxeViolations(page);
  expect({ screen: name, violations }).toEqual({ screen: name, violations: [] });
}

/** Signs in through the console's login form and waits for the landing screen (the alert queue). */
export async function login(page: Page, username: string, password: string = USER_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Identifiant').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'File des alertes' }).waitFor();
}

/** The errors a page logged that none of `allowed` matches (the refusals a scenario provokes on purpose). */
export function errorsOtherThan(errors: readonly string[], allowed: readonly RegExp[]): string[] {
  return errors.filter((e) => !allowed.some((re) => re.test(e)));
}

export interface BrowserSuiteOptions {
  /** `test` (the default): a new context and page for each test; `suite`: one page that the tests share, in order. */
  pagePer?: 'test' | 'suite';
  /** 1400 × 900 unless said. */
  viewport?: { width: number; height: number };
  /** Further context settings (downloads, time zone); the base URL and the French locale are always set. */
  context?: Omit<BrowserContextOptions, 'baseURL' | 'locale' | 'viewport'>;
  /** The page's default timeout: 15 s unless said. */
  timeout?: number;
  /** Console errors carry the URL of what logged them (to tell a missing favicon from the rest). */
  consoleUrls?: boolean;
  /** Every response of status 400 or more is collected as an error too, as `status METHOD url`. */
  failedResponses?: boolean;
}

/** One page for a whole scenario, each test going on from the screen the previous one left; console errors with their URL. */
export const ONE_PAGE_SCENARIO: BrowserSuiteOptions = {
  pagePer: 'suite',
  viewport: { width: 1400, height: 1000 },
  consoleUrls: true,
};

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, as they come. */
  errors: string[];
}

export interface BrowserSuite<W> {
  readonly world: W;
  readonly browser: Browser;
  readonly page: Page;
  readonly errors: string[];
  /** Another context and page with the suite's settings; the caller closes the context. */
  openPage(): Promise<ConsolePage>;
}

/**
 * Registers the hooks of a browser suite against the embedded app: builds the console if needed, boots the app,
 * builds the suite's world through the API and launches Chromium (beforeAll); opens a French page on the app,
 * collecting its errors, for each test or for the whole suite; closes everything afterwards.
 * Answers getters, to be read inside hooks and tests.
 */
export function useBrowserSuite<W>(
  buildWorld: (t: TestApp) => Promise<W>,
  options: BrowserSuiteOptions = {},
): BrowserSuite<W> {
  let t: TestApp | undefined;
  let world: W;
  let browser: Browser | undefined;
  let current: ConsolePage | undefined;

  const openPage = async (): Promise<ConsolePage> => {
    if (!browser || !t) throw new Error('the browser suite is not started');
    const context = await browser.newContext({
      baseURL: t.baseUrl,
      locale: 'fr-FR',
      ...options.context,
      viewport: options.viewport ?? { width: 1400, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(options.timeout ?? 15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(options.consoleUrls ? `${m.text()} ${m.location().url}` : m.text());
    });
    if (options.failedResponses)
      page.on('response', (r) => {
        if (r.status() >= 400) errors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
      });
    return { context, page, errors };
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp();
    world = await buildWorld(t);
    browser = await launchChromium();
    if (options.pagePer === 'suite') current = await openPage();
  });
  afterAll(async () => {
    await current?.context.close();
    await browser?.close();
    await t?.close();
  });
  if (options.pagePer !== 'suite') {
    beforeEach(async () => {
      current = await openPage();
    });
    afterEach(async () => {
      await current?.context.close();
      current = undefined;
    });
  }

  const opened = (): ConsolePage => {
    if (!current) throw new Error('no page is open');
    return current;
  };
  return {
    get world() {
      return world;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched');
      return browser;
    },
    get page() {
      return opened().page;
    },
    get errors() {
      return opened().errors;
    },
    openPage,
  };
}
