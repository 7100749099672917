#!/usr/bin/env node
// The database work of one signed-in `GET /api/reader-state?article=<slug>`, done
// with `pg` alone: the same queries, in the same order and with the same
// parallelism as app/api/reader-state/route.ts (session and account, then
// favourites, ratings and the quiz attempt at once), by 50 concurrent callers on a
// pool as large as the stack's two instances together (2 × 10). The ceiling for
// what the route could reach on this database; bench/run.mjs compares the route
// through the stack with it.
//
//   node bench/raw-reader-state.mjs <database url> <session token> <slug> <seconds> <connections>
//
// Prints one JSON line: { requests, requestsPerSec, p50Ms, p99Ms, errors }.
import { createHash } from 'node:crypto';
import pg from 'pg';

const [url, token, slug, secondsArg, connectionsArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
const connections = Number(connectionsArg);
const pool = new pg.Pool({ connectionString: url, max: 20 });
const tokenHash = createHash('sha256').update(token).digest('hex');

async function readerState() {
  const { rows } = await pool.query(
    `select s.expires_at, a.id, a.username, a.is_moderator, a.referral_code, a.feathers, a.created_at
       from sessions s inner join accounts a on a.id = s.account_id where s.token_hash = $1`,
    [tokenHash],
  );
  const account = rows[0];
  if (!account) throw new Error('no such session');
  const id = account.id;
  const favourite = async () => {
    await pool.query('select count(*) from favourites where article_slug = $1', [slug]);
    return pool.query('select article_slug from favourites where account_id = $1 and article_slug = $2', [id, slug]);
  };
  const rating = async () => {
    await pool.query('select count(*)::int, coalesce(sum(stars), 0)::int from ratings where article_slug = $1', [slug]);
    return pool.query('select stars from ratings where account_id = $1 and article_slug = $2', [id, slug]);
  };
  const quiz = () => pool.query('select correct from quiz_attempts where account_id = $1 and article_slug = $2', [id, slug]);
  await Promise.all([favourite(), rating(), quiz()]);
  return JSON.stringify({ available: true, account });
}

async function run(forMs, record) {
  const until = Date.now() + forMs;
  let errors = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const start = process.hrtime.bigint();
        try {
          await readerState();
          record?.(Number(process.hrtime.bigint() - start) / 1e6);
        } catch {
          errors++;
        }
      }
    }),
  );
  return errors;
}

await run(3000); // warm the pool and the plans, like wrk's warm-up
const latencies = [];
const started = Date.now();
const errors = await run(seconds * 1000, (ms) => latencies.push(ms));
const elapsed = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
console.log(JSON.stringify({ requests: latencies.length, requestsPerSec: latencies.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99), errors }));
await pool.end();
