import { expect, test, type Page, type Response } from '@playwright/test';
import { LOCALES, articlePath, authorPath, localized, rulesPath, tagPath, waitForHydration } from './helpers';
import { admin, apiReader, unique } from './support/readers';

// The Content-Security-Policy in Chromium: every page runs with no violation at
// all (the build's inline scripts are allowed by hash, a per-request page's by its
// nonce), hydration works, and a script the build did not produce is refused.

// Many pages per test, on a shared and often loaded machine.
test.describe.configure({ timeout: 180_000 });

type Violation = { directive: string; blocked: string; sample: string };

/** Records every CSP violation of every document the page opens, from before any of its scripts run. */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: Violation[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }));
  });
  const consoleReports: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) consoleReports.push(m.text());
  });
  return {
    violations: () => page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp),
    consoleReports,
  };
}

/** Opens `path` and waits until it has loaded its reader state, the last thing every page fetches after load. */
async function open(page: Page, path: string) {
  const state = page.waitForResponse((r) => r.url().includes('/api/reader-state'), { timeout: 45_000 });
  const response = await page.goto(path);
  await state;
  return response;
}

/** Waits until React has hydrated the document (its body carries React's props). */
async function waitForReact(page: Page) {
  await page.waitForFunction(() => Object.keys(document.body).some((k) => k.startsWith('__reactProps$')));
}

function expectStrictPolicy(response: Response | null, kind: 'static' | 'per-request') {
  const csp = response?.headers()['content-security-policy'] ?? '';
  const script = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
  expect(script, csp).toMatch(/'sha256-/);
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  for (const directive of ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
  if (kind === 'static') expect(script).not.toContain("'nonce-");
  else expect(script).toMatch(/'nonce-[A-Za-z0-9+/]+={0,2}'/);
  expect(response?.headers()['x-content-type-options']).toBe('nosniff');
  expect(response?.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(response?.headers()['permissions-policy']).toContain('camera=()');
  // Plain http from the browser, no trusted proxy saying https: no HSTS.
  expect(response?.headers()['strict-transport-security']).toBeUndefined();
}

const staticPages = [
  ...LOCALES.map((l) => ({ path: articlePath(l), label: `article (${l})` })),
  { path: '/', label: 'home' },
  { path: localized('en', '/'), label: 'home (en)' },
  { path: rulesPath(), label: 'rules' },
  { path: tagPath(), label: 'tag' },
  { path: authorPath('zh-TW'), label: 'author (zh-TW)' },
];

test('every prerendered page runs without a CSP violation, under a hash-only policy', async ({ page }) => {
  const watch = await watchViolations(page);
  for (const { path, label } of staticPages) {
    const response = await open(page, path);
    expect(response?.status(), label).toBe(200);
    expectStrictPolicy(response, 'static');
    await waitForHydration(page);
    expect(await watch.violations(), label).toEqual([]);
  }
  expect(watch.consoleReports).toEqual([]);
});

test('a prerendered page and its policy are the same bytes for every reader', async ({ playwright, baseURL }) => {
  const signedOut = await playwright.request.newContext({ baseURL: baseURL! });
  const signedIn = await playwright.request.newContext({ baseURL: baseURL! });
  await apiReader(signedIn, baseURL!);
  const [a, b] = [await signedOut.get(articlePath()), await signedIn.get(articlePath())];
  expect(a.headers()['content-security-policy']).toBe(b.headers()['content-security-policy']);
  expect(await a.body()).toEqual(await b.body());
  // A client's own policy header cannot choose a nonce for a page.
  const forged = await signedOut.get(articlePath(), { headers: { 'content-security-policy': "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA=='" } });
  expect(forged.headers()['content-security-policy']).toBe(a.headers()['content-security-policy']);
  await signedOut.dispose();
  await signedIn.dispose();
});

test('the rules modal, the 404 pages and the sign-in and sign-up forms run without a violation', async ({ page }) => {
  const watch = await watchViolations(page);
  await page.goto(articlePath());
  await waitForHydration(page);
  await page.getByRole('main').getByRole('article').getByRole('link', { name: '社区公约', exact: true }).click();
  await expect(page.getByRole('dialog', { name: '社区公约' })).toBeVisible();
  expect(await watch.violations(), 'rules modal').toEqual([]);

  for (const path of ['/no-such-page', '/en/no-such-page']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    expectStrictPolicy(response, 'per-request');
    await waitForReact(page);
    expect(await watch.violations(), path).toEqual([]);
  }
  for (const path of ['/sign-in', '/sign-up', localized('zh-TW', '/sign-in')]) {
    const response = await open(page, path);
    expectStrictPolicy(response, 'per-request');
    await waitForReact(page);
    expect(await watch.violations(), path).toEqual([]);
  }
  expect(watch.consoleReports).toEqual([]);
});

test('signed in: favourite toggles (hydration works), /me, /mall and /moderation run without a violation', async ({ page, baseURL }) => {
  const watch = await watchViolations(page);
  const name = await apiReader(page.request, baseURL!, unique('csp'));
  expect(await admin('grant-moderator', name)).toContain('is now a moderator');

  await page.goto(articlePath());
  await waitForHydration(page);
  const favourite = page.getByRole('region', { name: '收藏与评分' }).getByRole('button', { name: '收藏' });
  await expect(favourite).toHaveAttribute('aria-pressed', 'false');
  await favourite.click();
  await expect(favourite).toHaveAttribute('aria-pressed', 'true');
  expect(await watch.violations(), 'article, favourite').toEqual([]);

  for (const path of ['/me', '/mall', '/moderation', localized('en', '/me')]) {
    const response = await open(page, path);
    expect(response?.status(), path).toBe(200);
    expectStrictPolicy(response, 'per-request');
    await waitForReact(page);
    expect(await watch.violations(), path).toEqual([]);
  }
  await expect(page.getByRole('banner').getByText(`Signed in as ${name}`)).toBeVisible();
  expect(watch.consoleReports).toEqual([]);
});

test('an inline script the build did not produce is refused, on a static page and on a per-request one', async ({ page }) => {
  const watch = await watchViolations(page);
  for (const path of [articlePath(), '/sign-in']) {
    await page.goto(path);
    await waitForReact(page);
    // As an injection would: a script element in the page, here with a guessed nonce too.
    await page.evaluate(() => {
      for (const nonce of [null, 'AAAAAAAAAAAAAAAAAAAAAA==']) {
        const s = document.createElement('script');
        if (nonce) s.setAttribute('nonce', nonce);
        s.textContent = 'window.__injected = (window.__injected || 0) + 1';
        document.body.append(s);
      }
    });
    await page.addScriptTag({ content: 'window.__injected = (window.__injected || 0) + 1' }).catch(() => {});
    await expect.poll(async () => (await watch.violations()).filter((v) => v.directive === 'script-src-elem').length, { message: path }).toBe(3);
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
  }
});
