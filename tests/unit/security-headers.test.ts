import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hashInline, urlPathOf } from '@/server/csp-manifest.mjs';
import { contentSecurityPolicy, createSecurityHeaders, securityHeadersEnabled } from '@/server/security-headers.mjs';
import { requestIdOf } from '@/server/request-id.mjs';

// sha256 of "alert(1)", base64 (as a browser computes it for <script>alert(1)</script>).
const ALERT = "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='";

describe('inline hashes from the build output', () => {
  it('hashes executable inline scripts exactly as written, and ignores data blocks and external scripts', () => {
    const html =
      '<script>alert(1)</script><script type="application/ld+json">{"a":1}</script><script src="/x.js"></script>' +
      '<script type="module">alert(1)</script><style>p{}</style><p style="color:red">';
    const hashes = hashInline(html);
    expect(hashes.scripts).toEqual([ALERT]);
    expect(hashes.styles).toHaveLength(1);
    expect(hashes.styleAttributes).toHaveLength(1);
  });

  it('maps prerendered files to the URLs they answer', () => {
    expect(urlPathOf('index.html')).toBe('/');
    expect(urlPathOf('en.html')).toBe('/en');
    expect(urlPathOf('zh-TW/tags/电商运营.html')).toBe('/zh-TW/tags/电商运营');
    expect(urlPathOf('(.)rules.html')).toBeNull();
    expect(urlPathOf('_not-found.html')).toBeNull();
  });
});

function exchange(url: string, headers: Record<string, string> = {}) {
  const req = { url, headers: { ...headers } } as unknown as IncomingMessage;
  const sent: Record<string, string> = {};
  const res = { setHeader: (k: string, v: string) => (sent[k] = v) } as unknown as ServerResponse;
  return { req, res, sent };
}

describe('security headers', () => {
  const manifest = {
    version: 1 as const,
    pages: { '/tags/电商运营': { scripts: [ALERT], styles: [], styleAttributes: [] } },
    fallback: { scripts: ["'sha256-fallback='"], styles: [], styleAttributes: [] },
  };
  const apply = createSecurityHeaders(manifest);

  it('gives a prerendered page its hashes and no nonce, however its path is encoded, and ignores a client policy', () => {
    const { req, res, sent } = exchange(`/tags/${encodeURIComponent('电商运营')}?x=1`, { 'content-security-policy': "script-src 'nonce-evil'" });
    apply(req, res, false);
    expect(sent['content-security-policy']).toBe(contentSecurityPolicy(manifest.pages['/tags/电商运营']));
    expect(sent['content-security-policy']).toContain(`script-src 'self' ${ALERT};`);
    expect(sent['content-security-policy']).not.toMatch(/nonce|unsafe-inline/);
    expect(req.headers['content-security-policy']).toBeUndefined();
    expect(sent['strict-transport-security']).toBeUndefined();
    expect(sent['x-content-type-options']).toBe('nosniff');
  });

  it('gives any other path a fresh nonce, told to Next through the request header, and HSTS over https only', () => {
    const a = exchange('/me');
    const b = exchange('/me');
    apply(a.req, a.res, true);
    apply(b.req, b.res, false);
    const nonce = /'nonce-([^']+)'/.exec(a.sent['content-security-policy']!)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(a.req.headers['content-security-policy']).toBe(a.sent['content-security-policy']);
    expect(b.sent['content-security-policy']).not.toBe(a.sent['content-security-policy']);
    expect(a.sent['content-security-policy']).toContain("'sha256-fallback='");
    expect(a.sent['strict-transport-security']).toMatch(/^max-age=/);
    expect(b.sent['strict-transport-security']).toBeUndefined();
  });

  it('never decodes a fragment: a request line with an undecodable one (/rules#%ZZ) gets headers, not a thrown URIError', () => {
    const { req, res, sent } = exchange(`/tags/${encodeURIComponent('电商运营')}#%ZZ`);
    expect(() => apply(req, res, false)).not.toThrow();
    expect(sent['content-security-policy']).toBe(contentSecurityPolicy(manifest.pages['/tags/电商运营']));
  });

  it('reads SECURITY_HEADERS strictly', () => {
    expect([securityHeadersEnabled(undefined), securityHeadersEnabled('on'), securityHeadersEnabled('off')]).toEqual([true, true, false]);
    expect(() => securityHeadersEnabled('no')).toThrow(/SECURITY_HEADERS/);
  });
});

describe('request id', () => {
  const req = (id?: string) => ({ headers: id ? { 'x-request-id': id } : {} }) as unknown as IncomingMessage;
  it('believes a trusted proxy, never a client, and never something that is not an id', () => {
    expect(requestIdOf(req('abcdef0123456789'), true)).toBe('abcdef0123456789');
    expect(requestIdOf(req('abcdef0123456789'), false)).not.toBe('abcdef0123456789');
    expect(requestIdOf(req('x\n{"level":60}'), true)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
