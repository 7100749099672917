import { RequestCookies } from 'next/dist/server/web/spec-extension/cookies';
import { describe, expect, it } from 'vitest';
import { cookieValue } from '@/lib/reader/reader-state-answer';

// server.mjs answers /api/reader-state before Next, so it reads the session cookie itself:
// it must find the very token Next's cookies() would, for any header a client sends
// (as Node's parser hands it over: no surrounding spaces or tabs).
const HEADERS = [
  '',
  'session=abc',
  'session=abc; theme=dark',
  'theme=dark;session=abc',
  'theme=dark; session=abc; session=def',
  'session=a%2Fb',
  'session=%E0%A4%A',
  'session=%E0%A4%A; session=ok',
  'session=ok; session=%E0%A4%A',
  'session',
  'session=abc; session',
  'session; session=abc',
  'session=',
  'xsession=abc; session_x=def',
  'session=abc=def',
  'a=1;  session=spaced',
  'a=1;;session=x',
  'session="quoted"',
  'session=abc\u00a0',
  '\u00a0session=abc',
  'session =abc',
  'session=abc ;x=1',
];

describe('the session cookie as server.mjs reads it', () => {
  for (const header of HEADERS) {
    it(`${JSON.stringify(header)} gives what Next's cookies() gives`, () => {
      const next = new RequestCookies(new Headers({ cookie: header })).get('session')?.value;
      expect(cookieValue(header, 'session')).toBe(next);
    });
  }
  it('no Cookie header is no session', () => {
    expect(cookieValue(null, 'session')).toBeUndefined();
  });
});
