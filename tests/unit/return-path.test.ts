import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '@/lib/http/return-path';
import { OPEN_REDIRECT_PAYLOADS } from '../fixtures/open-redirects';

const SITE = 'https://site.example';

describe('return paths', () => {
  it.each(OPEN_REDIRECT_PAYLOADS.map((p) => [JSON.stringify(p), p]))('keeps %s on the site', (_, payload) => {
    const path = safeReturnPath(payload);
    // What a browser does with the Location header: resolve it against the page's URL.
    const target = new URL(path, SITE);
    expect(target.origin).toBe(SITE);
    expect(path.startsWith('/')).toBe(true);
    expect(path.startsWith('//')).toBe(false);
    expect(path).not.toMatch(/[\\\s\u0000-\u001f]/u);
  });

  it('has at least 30 payloads', () => {
    expect(OPEN_REDIRECT_PAYLOADS.length).toBeGreaterThanOrEqual(30);
  });

  it.each([
    ['/', '/'],
    ['/articles/how-ecommerce-operations-work', '/articles/how-ecommerce-operations-work'],
    ['/zh-TW/mall?x=1#gifts', '/zh-TW/mall?x=1#gifts'],
    ['/tags/%E7%94%B5%E5%95%86%E8%BF%90%E8%90%A5', '/tags/%E7%94%B5%E5%95%86%E8%BF%90%E8%90%A5'],
    // Written unencoded, it comes back as the URL the browser would request.
    ['/tags/电商运营', '/tags/%E7%94%B5%E5%95%86%E8%BF%90%E8%90%A5'],
    ['/a/../me', '/me'],
  ])('keeps the site path %s as %s', (given, kept) => {
    expect(safeReturnPath(given)).toBe(kept);
  });

  it('turns anything that is not a string into the home page', () => {
    for (const value of [null, undefined, 42, {}, ['/me']]) expect(safeReturnPath(value)).toBe('/');
  });
});
