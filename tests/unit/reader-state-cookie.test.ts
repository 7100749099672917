import { RequestCookies } from 'next/dist/server/web/spec-extension/cookies';
import { describe, expect, it } from 'vitest';
import { cookieValue } from '@/lib/reader/reader-state-answer';

// server.mjs answers /api/reader-state before Next, so it reads the session cookie itself:
// it must find the very token Next's cookies() would, for any header a client sends.
const HEADERS = [
  null,
  '',
  'session=abc',
  'session=abc; theme=dark',
  'theme=dark;session=abc',
  'theme=dark; session=abc; session=def',
  'session=a%2Fb',
  'session=%E0%A4%A',
  'session=%E0%A4%A; session=ok',
  'session',
  'session=',
  'xsession=abc; session_x=def',
  ' session=abc',
  'session=abc=def',
  'a=1;  session=spaced',
  'session="quoted"',
];

describe('the session cookie as server.mjs reads it', () => {
  for (const header of HEADERS) {
    it(`${JSON.stringify(header)} gives what Next's cookies() gives`, () => {
      const next = new RequestCookies(new Headers(header === null ? {} : { cookie: header })).get('session')?.value;
      // Next reads a bare name as "true", which no session token hashes to: either is no session.
      const expected = next === 'true' && header !== null && !header.includes('session=') ? undefined : next;
      expect(cookieValue(header, 'session')).toBe(expected);
    });
  }
});
