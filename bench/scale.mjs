#!/usr/bin/env node
// `npm run bench:scale`: how the cost of each personal request grows with data.
//
// Seeds a PostgreSQL database the way years of use would (100,000 accounts,
// 2,000,000 ledger rows, 200,000 comments on the article with 5% pending, 50,000
// redemptions, 500,000 favourites and 500,000 ratings) with INSERT … SELECT over
// generate_series, then measures through `npm run stack` at 50 connections:
// reader-state, /me of a reader with 5,000 ledger rows, the comments page 1 and
// 500, the moderation queue, a redemption and a rating. The same requests run on an
// empty database in the same run; each p99 should stay within 2× of it.
//
//   npm run bench:scale                    seed (kept between runs) and measure
//   npm run bench:scale -- --reseed        seed again from nothing
//   npm run bench:scale -- --duration=5    seconds per request kind (default 10)
//   npm run bench:scale -- --seed-only     seed (if needed) and stop: seed while the machine is busy, measure when it is quiet
//
// Needs the local PostgreSQL server (or SCALE_DATABASE_URL / SCALE_EMPTY_DATABASE_URL
// naming two databases it may wipe), nginx and wrk. Writes bench/results/scale.json.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureDatabase } from '../deploy/database.mjs';
import { measureRedemptions, readGifts, seedRedeemers } from './redeem.mjs';
import { cleanup, ensureTools, freePort, parseWrk, runWrk, startGroup, waitUntilUp } from './run.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(ROOT, 'bench', 'results', 'scale.json');
const SLUG = 'how-ecommerce-operations-work';
const CONNECTIONS = 50;
// BENCH_SCALE_FACTOR shrinks the data set (0.01: a quick check of the bench itself).
const FACTOR = Number(process.env.BENCH_SCALE_FACTOR || 1);
const scaled = (n) => Math.max(10, Math.round(n * FACTOR));
export const SIZES = {
  accounts: scaled(100_000),
  ledger: scaled(2_000_000),
  heavyLedger: scaled(5_000),
  comments: scaled(200_000),
  redemptions: scaled(50_000),
  favourites: scaled(500_000),
  ratings: scaled(500_000),
};
const SEED_VERSION = `1:${FACTOR}`;
const P99_RATIO_MAX = 2;

function parseArgs(argv) {
  const opts = { reseed: false, seedOnly: false, duration: 10 };
  for (const a of argv) {
    if (a === '--reseed') opts.reseed = true;
    else if (a === '--seed-only') opts.seedOnly = true;
    else if (a.startsWith('--duration=')) opts.duration = Number(a.slice('--duration='.length));
    else throw new Error(`unknown argument: ${a} (see the top of bench/scale.mjs)`);
  }
  if (!Number.isInteger(opts.duration) || opts.duration < 1 || opts.duration > 60) throw new Error('--duration must be 1..60 seconds');
  return opts;
}

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const hashToken = (token) => createHash('sha256').update(token).digest('hex');

/** A session for the account, as lib/auth/sessions.ts writes one; returns the cookie's token. */
async function sessionFor(client, accountId) {
  const token = randomBytes(32).toString('base64url');
  await client.query(`insert into sessions (token_hash, account_id, expires_at) values ($1, $2, now() + interval '1 day')`, [hashToken(token), accountId]);
  return token;
}

/** Drops every table (a wiped database for the app to migrate on start). */
async function wipe(url) {
  await withClient(url, (c) => c.query('drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;'));
}

/** Applies the migrations with the app's own command. */
async function migrate(url) {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync('npm', ['run', '--silent', 'db:migrate'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`db:migrate failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * The years-of-use data set, in a few statements. Balances equal the sum of each
 * account's ledger; the heavy reader (the first account) has SIZES.heavyLedger rows.
 */
async function seedBig(url) {
  const s = SIZES;
  await withClient(url, async (c) => {
    const step = async (what, sql, params = []) => {
      const started = Date.now();
      await c.query(sql, params);
      console.log(`  ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    };
    await step(
      `${s.accounts} accounts`,
      `insert into accounts (username, password_hash, referral_code, created_at)
       select 'seed' || i, 'seed-no-password', 'seedref' || i, now() - make_interval(mins => i) from generate_series(1, $1) i`,
      [s.accounts],
    );
    const { rows } = await c.query('select min(id)::int as first from accounts');
    const first = rows[0].first;
    await step(
      `${s.ledger} ledger rows`,
      `insert into ledger (account_id, delta, reason, reference, balance_after, created_at)
       select a, 5, 'quiz', 'seed:' || i, 5 * row_number() over (partition by a order by i), now() - make_interval(secs => ($1 - i)::float8)
       from (select i, case when i <= $2 then $3 else $3 + 1 + (i % ($4 - 1)) end as a from generate_series(1, $1::int) i) g`,
      [s.ledger, s.heavyLedger, first, s.accounts],
    );
    await step(
      'balances = ledger sums',
      `update accounts a set feathers = l.total from (select account_id, sum(delta)::int as total from ledger group by account_id) l where a.id = l.account_id`,
    );
    await step(
      `${s.comments} comments (5% pending)`,
      `insert into comments (account_id, article_slug, body, body_hash, status, created_at)
       select $2 + (i % $3), $4, 'seed comment ' || i, md5('seed comment ' || i), case when i % 20 = 0 then 'pending' else 'approved' end,
              now() - make_interval(secs => ($1 - i)::float8)
       from generate_series(1, $1::int) i`,
      [s.comments, first, s.accounts, SLUG],
    );
    await step(
      `${s.redemptions} redemptions`,
      `insert into redemptions (account_id, gift_id, price, code, idempotency_key, created_at)
       select $2 + (i % $3), (array['xinstall-15-day-membership','yishu-yike-30-day-trial','sf-express-20-yuan-coupon'])[1 + i % 3], 20,
              'SEED-' || lpad(i::text, 9, '0'), 'seed-key-' || lpad(i::text, 9, '0'), now() - make_interval(mins => i)
       from generate_series(1, $1) i`,
      [s.redemptions, first, s.accounts],
    );
    // Five articles' worth per account: the article itself and four others.
    const perAccount = s.favourites / s.accounts;
    await step(
      `${s.favourites} favourites`,
      `insert into favourites (account_id, article_slug)
       select $1 + (i % $2), case when i / $2 = 0 then $3 else 'seed-article-' || (i / $2) end from generate_series(0, $2::int * $4::int - 1) i`,
      [first, s.accounts, SLUG, perAccount],
    );
    await step(
      `${s.ratings} ratings`,
      `insert into ratings (account_id, article_slug, stars)
       select $1 + (i % $2), case when i / $2 = 0 then $3 else 'seed-article-' || (i / $2) end, 1 + i % 5 from generate_series(0, $2::int * $4::int - 1) i`,
      [first, s.accounts, SLUG, s.ratings / s.accounts],
    );
    await step('analyze', 'analyze');
    await c.query(`create table if not exists bench_scale_seed (version text not null)`);
    await c.query(`delete from bench_scale_seed; insert into bench_scale_seed values ('${SEED_VERSION}')`);
  });
}

async function isSeeded(url) {
  return withClient(url, async (c) => {
    const { rows } = await c.query(`select to_regclass('public.bench_scale_seed') is not null as present`);
    if (!rows[0].present) return false;
    const v = await c.query('select version from bench_scale_seed');
    return v.rows[0]?.version === SEED_VERSION;
  });
}

/**
 * The readers the measurement signs in as: the heavy reader (first account, its
 * ledger rows), a moderator, and sessions for both.
 */
async function readers(url) {
  return withClient(url, async (c) => {
    const { rows } = await c.query(`select min(id)::int as first from accounts where username like 'seed%'`);
    let heavy = rows[0].first;
    if (heavy === null) {
      // The empty database: two accounts with a handful of rows of their own, and
      // enough comments for a full comments page and a full moderation queue page
      // (60 pending), so both sides render the same amount: what is compared is the
      // cost of the data behind a page, not of a longer page.
      const made = await c.query(
        `insert into accounts (username, password_hash, referral_code) values ('seed1', 'seed-no-password', 'seedref1'), ('seed2', 'seed-no-password', 'seedref2') returning id::int as id`,
      );
      heavy = made.rows[0].id;
      await c.query(
        `insert into ledger (account_id, delta, reason, reference, balance_after) select $1, 5, 'quiz', 'seed:' || i, 5 * i from generate_series(1, 3) i`,
        [heavy],
      );
      await c.query(`update accounts set feathers = 15 where id = $1`, [heavy]);
      await c.query(
        `insert into comments (account_id, article_slug, body, body_hash, status) select $1, $2, 'seed comment ' || i, md5('seed comment ' || i), case when i % 2 = 0 then 'pending' else 'approved' end from generate_series(1, 120) i`,
        [heavy, SLUG],
      );
    }
    const moderator = heavy + 1;
    await c.query('update accounts set is_moderator = true where id = $1', [moderator]);
    return { heavy: await sessionFor(c, heavy), moderator: await sessionFor(c, moderator) };
  });
}

/** POSTs of one kind by 50 clients for `seconds`: req/s and p50/p99 of the answers. */
async function postLoad(origin, pathOf, formOf, tokens, seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = [];
  const statuses = {};
  const until = Date.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until) {
        const i = n++;
        const body = new URLSearchParams(formOf(i)).toString();
        const t0 = performance.now();
        const status = await new Promise((resolve, reject) => {
          const req = http.request(
            `${origin}${pathOf(i)}`,
            {
              method: 'POST',
              agent,
              headers: {
                origin,
                accept: 'application/json',
                cookie: `session=${tokens[i % tokens.length]}`,
                'content-type': 'application/x-www-form-urlencoded',
                'content-length': Buffer.byteLength(body),
              },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === 200) latencies.push(performance.now() - t0);
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: latencies.length, requestsPerSec: latencies.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99), statuses };
}

/** Every request kind against one database, through a stack of its own. */
async function measure(label, databaseUrl, duration, wrk) {
  const port = await freePort();
  const stackDir = path.join(ROOT, `.stack-scale-${port}`);
  const logFile = path.join(ROOT, `.stack-scale-${port}.log`);
  console.log(`\n[${label}] stack on 127.0.0.1:${port}`);
  const stack = startGroup(process.execPath, ['deploy/stack.mjs'], {
    logFile,
    graceMs: 20000,
    env: {
      SITE_URL: process.env.SITE_URL || 'http://127.0.0.1:3000',
      STACK_PORT: String(port),
      STACK_DIR: stackDir,
      STACK_NGINX_WORKERS: '1',
      DATABASE_URL: databaseUrl,
      SIGN_UPS_PER_ADDRESS_HOUR: '1000000',
      SIGN_UPS_PER_ADDRESS_DAY: '1000000',
      STACK_MUTATION_RATE: '100000r/s',
      STACK_MUTATION_BURST: '100000',
    },
  });
  try {
    const origin = `http://127.0.0.1:${port}`;
    // The comments pages are cached by nginx: measured on an instance directly, so the
    // database's part is what is measured.
    const instance = `http://127.0.0.1:${port + 1}`;
    await waitUntilUp(`${origin}/robots.txt`, stack, 'stack', logFile, 600000);
    const { heavy, moderator } = await readers(databaseUrl);
    const gets = [
      ['reader-state', `${origin}/api/reader-state?article=${SLUG}`, heavy],
      ['/me (5,000 ledger rows)', `${origin}/me`, heavy],
      ['comments page 1', `${instance}/articles/${SLUG}/comments?page=1`, null],
      ['comments page 500', `${instance}/articles/${SLUG}/comments?page=500`, null],
      ['moderation queue', `${origin}/moderation`, moderator],
    ];
    const out = {};
    for (const [name, url, token] of gets) {
      const headers = token ? { cookie: `session=${token}` } : {};
      await runWrk(wrk, url, { threads: 2, connections: CONNECTIONS, seconds: 2, headers, timeoutSeconds: 30 });
      const r = parseWrk(await runWrk(wrk, url, { threads: 2, connections: CONNECTIONS, seconds: duration, headers, timeoutSeconds: 30 }));
      out[name] = {
        requests: r.requests,
        requestsPerSec: r.requestsPerSec,
        p50Ms: r.p50Ms,
        p99Ms: r.p99Ms,
        non2xx3xx: r.non2xx3xx,
        socketErrors: r.socketErrors,
      };
      console.log(`  ${name}: ${r.requestsPerSec.toFixed(0)}/s p99 ${r.p99Ms.toFixed(1)} ms${r.non2xx3xx ? ` (${r.non2xx3xx} not 2xx/3xx)` : ''}`);
    }
    const tokens = await seedRedeemers(origin, databaseUrl, CONNECTIONS);
    const rating = await postLoad(
      origin,
      () => `/api/articles/${SLUG}/rating`,
      (i) => ({ stars: String(1 + (i % 5)) }),
      tokens,
      duration,
    );
    out.rating = rating;
    console.log(`  rating: ${rating.requestsPerSec.toFixed(0)}/s p99 ${rating.p99Ms.toFixed(1)} ms`);
    const redemptions = await measureRedemptions({ origin, databaseUrl, tokens, gifts: readGifts(ROOT), connections: CONNECTIONS, root: ROOT });
    out.redemption = { requests: redemptions.stack.redemptions, ...redemptions.stack };
    console.log(`  redemption: ${redemptions.stack.requestsPerSec.toFixed(0)}/s p99 ${redemptions.stack.p99Ms.toFixed(1)} ms`);
    out.databaseSize = await withClient(
      databaseUrl,
      async (c) => (await c.query('select pg_size_pretty(pg_database_size(current_database())) as s')).rows[0].s,
    );
    return out;
  } finally {
    await cleanupStack(stack, stackDir, logFile);
  }
}

async function cleanupStack(stack, stackDir, logFile) {
  try {
    process.kill(-stack.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
  await Promise.race([stack.exited, new Promise((r) => setTimeout(r, 20000))]);
  try {
    process.kill(-stack.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  rmSync(stackDir, { recursive: true, force: true });
  rmSync(logFile, { force: true });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { wrk } = ensureTools();
  const big = await ensureDatabase({ databaseUrl: process.env.SCALE_DATABASE_URL, name: 'niaoge_scale' });
  const empty = await ensureDatabase({ databaseUrl: process.env.SCALE_EMPTY_DATABASE_URL, name: 'niaoge_scale_empty' });
  if (opts.reseed || !(await isSeeded(big))) {
    console.log(`seeding ${big.replace(/\/\/[^@]*@/, '//')}`);
    const started = Date.now();
    await wipe(big);
    await migrate(big);
    await seedBig(big);
    console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  if (opts.seedOnly) return;
  await wipe(empty);
  await migrate(empty);

  const emptyResults = await measure('empty database', empty, opts.duration, wrk);
  const bigResults = await measure('years of data', big, opts.duration, wrk);
  const kinds = Object.keys(emptyResults).filter((k) => k !== 'databaseSize');
  // A kind passes when both runs answered every request with 2xx/3xx and the p99 with
  // years of data is within P99_RATIO_MAX of the empty database's.
  const clean = (r) => r.requests > 0 && !r.non2xx3xx && Number.isFinite(r.p99Ms);
  const rows = kinds.map((k) => {
    const ratio = bigResults[k].p99Ms / emptyResults[k].p99Ms;
    return {
      kind: k,
      emptyP99Ms: emptyResults[k].p99Ms,
      bigP99Ms: bigResults[k].p99Ms,
      p99Ratio: ratio,
      pass: clean(emptyResults[k]) && clean(bigResults[k]) && ratio <= P99_RATIO_MAX,
    };
  });
  console.log(`\n${'kind'.padEnd(26)} ${'empty p99'.padStart(10)} ${'big p99'.padStart(10)} ratio`);
  for (const r of rows)
    console.log(
      `${r.kind.padEnd(26)} ${r.emptyP99Ms.toFixed(1).padStart(10)} ${r.bigP99Ms.toFixed(1).padStart(10)} ${r.p99Ratio.toFixed(2)} ${r.pass ? 'PASS' : 'FAIL'}`,
    );
  console.log(`database size: ${bigResults.databaseSize} (empty: ${emptyResults.databaseSize})`);
  const results = {
    date: new Date().toISOString(),
    sizes: SIZES,
    connections: CONNECTIONS,
    durationSeconds: opts.duration,
    empty: emptyResults,
    big: bigResults,
    rows,
  };
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(`${RESULTS}.tmp`, JSON.stringify(results, null, 2) + '\n');
  renameSync(`${RESULTS}.tmp`, RESULTS);
  console.log(`wrote ${path.relative(ROOT, RESULTS)}`);
}

main()
  .then(async () => {
    await cleanup();
    process.exit(0);
  })
  .catch(async (error) => {
    console.error(`bench:scale failed: ${error.stack ?? error.message}`);
    await cleanup();
    process.exit(1);
  });
