import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_PORT, ensureBuild, freshDatabase, signUp, startServer, type Server, requestErrors } from './support/server';

// Every route handler and every page with a dynamic segment, `{}` where the segment goes.
const ROUTES = [
  '/api/articles/{}/comments',
  '/api/articles/{}/favourite',
  '/api/articles/{}/paid',
  '/api/articles/{}/quiz',
  '/api/articles/{}/rating',
  '/api/articles/{}/unlock',
  '/api/auth/reset-password',
  '/api/auth/sign-in',
  '/api/auth/sign-out',
  '/api/auth/sign-up',
  '/api/comments/{}/report',
  '/api/gifts/{}/redeem',
  '/api/me/consent',
  '/api/me/delete',
  '/api/me/export',
  '/api/me/password',
  '/api/me/sign-out-everywhere',
  '/api/moderation/ban',
  '/api/moderation/review',
  '/api/notifications/seen',
  '/api/reader-state?article={}',
  '/api/share-visits',
  '/api/share/poster?article={}',
  '/api/share/qr?article={}',
  '/og/{}/how-ecommerce-operations-work',
  '/og/zh-CN/{}',
  '/poster/zh-CN/{}',
  '/qr/{}/how-ecommerce-operations-work',
  '/{}/feed.xml',
  '/articles/{}',
  '/en/articles/{}',
  '/zh-TW/tags/{}',
  '/tags/{}',
  '/authors/{}',
  '/{}',
  '/zh-CN/{}/x',
];
// Field names the handlers read, so random values reach their checks, plus random names.
const FIELDS = [
  'intent',
  'choice',
  'stars',
  'body',
  'username',
  'password',
  'newPassword',
  'consent',
  'next',
  'locale',
  'idempotencyKey',
  'id',
  'commentId',
  'reason',
  'decision',
  'days',
  'token',
  'article',
  'ref',
  'confirm',
  'parentId',
];
const RUNS = Number(process.env.RELIABILITY_FUZZ_RUNS ?? 600);
// Tables a refused request must leave alone (rate_limits counts refusals on purpose; app_secrets is made on first use).
const TABLES = [
  'accounts',
  'sessions',
  'favourites',
  'ratings',
  'ledger',
  'gift_stock',
  'redemptions',
  'unlocks',
  'quiz_attempts',
  'share_visits',
  'comments',
  'comment_reports',
  'comment_bans',
  'notifications',
  'consents',
  'password_resets',
  'retired_usernames',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
/** Text from every plane, with lone surrogates mixed in. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.oneof(loneSurrogate, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 20 }),
);
/** Percent-encodes code units as they are: a lone surrogate becomes bytes no UTF-8 decoder accepts. */
const rawEncode = (s: string) =>
  [...s]
    .map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code >= 0xd800 && code <= 0xdfff)
        return `%ED%${(0xa0 | ((code >> 6) & 0x1f)).toString(16).toUpperCase()}%${(0x80 | (code & 0x3f)).toString(16).toUpperCase()}`;
      return encodeURIComponent(ch);
    })
    .join('');
const segment = fc.oneof(
  anyText.map(rawEncode),
  fc.constantFrom(
    '%',
    '%E0%A4%A',
    '%zz',
    '%C0%AF',
    '%00',
    '%FF%FE',
    '%2e%2e',
    '..',
    '%2F',
    'how-ecommerce-operations-work',
    'zh-CN',
    'en',
    '1',
    '-1',
    '99999999999999999999',
    '0x10',
  ),
  fc.nat({ max: 3000 }).map((n) => 'a'.repeat(n)),
);
const fields = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), anyText), fc.oneof(anyText, fc.constantFrom('1', '5', 'add', 'remove', 'on', '', 'x'.repeat(5000)))),
  { maxLength: 8 },
);
const body = fc.oneof(
  fields.map((f) => ({
    type: 'application/x-www-form-urlencoded',
    data: f.map(([k, v]) => `${rawEncode(k)}=${rawEncode(v)}`).join('&') as string | Uint8Array,
  })),
  fields.map((f) => {
    const boundary = 'fuzzboundary';
    return {
      type: `multipart/form-data; boundary=${boundary}`,
      data: f.map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`,
    };
  }),
  // Broken multipart: no boundary, a wrong one, or cut short.
  fc.constantFrom(
    { type: 'multipart/form-data', data: 'garbage' },
    { type: 'multipart/form-data; boundary=zz', data: '--zz\r\ncontent-disposition: form-data; name="a"\r\n\r\nunfinished' },
    { type: 'multipart/form-data; boundary=zz', data: '--yy--' },
  ),
  fc.record({ type: fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', '', 'x/y; charset=nonsense'), data: anyText }),
  // Past the form limit (16 KB) and far past it.
  fc.constantFrom(20_000, 200_000).map((n) => ({ type: 'application/x-www-form-urlencoded', data: `body=${'长'.repeat(n)}` })),
  fc.uint8Array({ maxLength: 300 }).map((data) => ({ type: 'application/x-www-form-urlencoded', data })),
);

let server: Server;
let databaseUrl: string;
let drop: () => Promise<void>;
let db: Client;
beforeAll(async () => {
  ensureBuild();
  ({ url: databaseUrl, drop } = await freshDatabase('rel_fuzz'));
  server = await startServer(BASE_PORT + 20, { DATABASE_URL: databaseUrl });
  db = new Client({ connectionString: databaseUrl });
  await db.connect();
}, 900_000);
afterAll(async () => {
  await db?.end();
  await server?.stop();
  await drop?.();
});

const counts = async () =>
  (await db.query(`select ${TABLES.map((t) => `(select count(*) from ${t})::int as ${t}`).join(', ')}`)).rows[0] as Record<string, number>;

/** A request fetch() refuses to send (TRACE): the status the server answers. */
const rawStatus = (url: string, method: string) =>
  new Promise<number>((resolve, reject) => {
    const req = httpRequest(url, { method }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });

describe('hostile input to every route handler and dynamic page', () => {
  it('TRACE is 405 everywhere, never 500 (Next answers it with 500 in route handlers)', async () => {
    const { origin } = server;
    for (const route of [...ROUTES.map((r) => r.replace('{}', 'how-ecommerce-operations-work')), '/api/reader-state', '/api/nope', '/', '/mall']) {
      expect(await rawStatus(`${origin}${route}`, 'TRACE'), route).toBe(405);
    }
  });

  it('never answers 5xx, and a refused request writes nothing', async () => {
    const { origin } = server;
    const reader = await signUp(origin);
    const sessions = fc.constantFrom(reader.cookie, '', 'session=forged', `session=${'x'.repeat(4000)}`, 'session=%E0%A4%A; visitor=\u00ff\u00fe');
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        segment,
        // Mostly the methods the routes take, so most requests reach their checks.
        fc.oneof(
          { arbitrary: fc.constantFrom('GET', 'POST'), weight: 5 },
          { arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'), weight: 1 },
        ),
        body,
        sessions,
        fc.oneof({ arbitrary: fc.constant(origin), weight: 3 }, { arbitrary: fc.constantFrom('', 'http://evil.example', 'null'), weight: 1 }),
        async (route, seg, method, payload, cookie, from) => {
          const before = await counts();
          const headers: Record<string, string> = {};
          if (cookie) headers.cookie = cookie;
          if (from) headers.origin = from;
          if (payload.type) headers['content-type'] = payload.type;
          if (Math.random() < 0.5) headers.accept = 'application/json';
          const withBody = !['GET', 'HEAD'].includes(method);
          const res = await fetch(`${origin}${route.replace('{}', seg)}`, {
            method,
            headers,
            body: withBody ? (payload.data as BodyInit) : null,
            redirect: 'manual',
          });
          const text = await res.text();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, `${method} ${route.replace('{}', seg)}: ${text.slice(0, 300)}`).toBeLessThan(500);
          if (res.status >= 400) expect(await counts(), `${method} ${route.replace('{}', seg)}`).toEqual(before);
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
    console.log(`fuzz: ${RUNS} requests; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(requestErrors(server.output())).toEqual([]);
  }, 600_000);
});
