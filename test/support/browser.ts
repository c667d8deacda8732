import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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
