import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isMalformedPath, localeOfPath } from '@/server/bad-request.mjs';
import { compileTrust, resolveClient, rewriteForwardedHeaders } from '@/server/forwarded.mjs';

function request(peer: string, headers: Record<string, string> = {}, encrypted = false): IncomingMessage {
  return {
    socket: { remoteAddress: peer, encrypted },
    connection: { remoteAddress: peer },
    headers: { host: 'site.example', ...headers },
  } as unknown as IncomingMessage;
}

describe('who the client is', () => {
  it('is the socket address when no proxy is trusted, whatever the client writes', () => {
    const trust = compileTrust(undefined);
    const req = request('203.0.113.9', { 'x-forwarded-for': '198.51.100.1', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' });
    expect(resolveClient(req, trust)).toEqual({ address: '203.0.113.9', proto: 'http', host: 'site.example', fromProxy: false });
  });

  it('behind a trusted proxy is the right-most hop that is not a proxy', () => {
    const trust = compileTrust('loopback, 10.0.0.0/8');
    // The client wrote a fake hop; nginx appended the real one ($remote_addr); a second proxy forwarded it.
    const req = request('127.0.0.1', {
      'x-forwarded-for': '198.51.100.1, 203.0.113.7, 10.1.2.3',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'www.site.example',
    });
    expect(resolveClient(req, trust)).toEqual({ address: '203.0.113.7', proto: 'https', host: 'www.site.example', fromProxy: true });
  });

  it('believes forwarded scheme and host only from a trusted peer, and only well-formed ones', () => {
    const trust = compileTrust('127.0.0.1');
    expect(resolveClient(request('192.0.2.1', { 'x-forwarded-proto': 'https' }), trust).proto).toBe('http');
    expect(resolveClient(request('127.0.0.1', { 'x-forwarded-proto': 'gopher', 'x-forwarded-host': 'a b' }), trust)).toMatchObject({
      proto: 'http',
      host: 'site.example',
    });
    expect(resolveClient(request('192.0.2.1', {}, true), trust).proto).toBe('https');
  });

  it('rewrites the headers the app reads, so nothing the client wrote is left', () => {
    const req = request('203.0.113.9', { 'x-forwarded-for': '1.2.3.4', 'x-forwarded-port': '443', 'x-forwarded-host': 'evil.example' });
    rewriteForwardedHeaders(req, compileTrust(''));
    expect(req.headers).toMatchObject({ 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'http', 'x-forwarded-host': 'site.example' });
    expect(req.headers['x-forwarded-port']).toBeUndefined();
  });

  it('refuses a TRUST_PROXY it cannot read, at start-up', () => {
    expect(() => compileTrust('loopbak')).toThrow(/TRUST_PROXY/);
    expect(() => compileTrust('10.0.0.0/33')).toThrow(/TRUST_PROXY/);
  });
});

describe('malformed URLs', () => {
  it.each(['/articles/%E0%A4%A', '/tags/%', '/api/gifts/%zz/redeem', '/en/%C0%AF'])('refuses %s', (url) => expect(isMalformedPath(url)).toBe(true));
  it.each(['/', '/tags/%E7%94%B5', '/articles/x?q=%E0%A4%A', '/a%2Fb'])('lets %s through', (url) => expect(isMalformedPath(url)).toBe(false));
  it('answers in the locale of the path', () => {
    expect([localeOfPath('/en/x'), localeOfPath('/zh-TW'), localeOfPath('/articles/x'), localeOfPath('/english')]).toEqual(['en', 'zh-TW', 'zh-CN', 'zh-CN']);
  });
});
