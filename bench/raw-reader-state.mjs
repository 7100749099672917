#!/usr/bin/env node
// The database work of one signed-in `GET /api/reader-state?article=<slug>`, done
// with `pg` alone: the same two statements, in the same order as app/api/reader-state/route.ts (session and account with
// the unseen notifications and accepted consents, lib/reader/account-extras.ts; then the article's favourites, ratings,
// quiz attempt and unlock in one statement, lib/reader/article-state.ts), by 50 concurrent callers on a
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
    `select s.expires_at, a.id, a.username, a.is_moderator, a.referral_code, a.feathers, a.created_at,
       (select count(*)::int from notifications n where n.account_id = a.id and n.seen_at is null),
       (select json_object_agg(c.document, c.version) from consents c where c.account_id = a.id)
       from sessions s inner join accounts a on a.id = s.account_id where s.token_hash = $1 and a.deleted_at is null`,
    [tokenHash],
  );
  const account = rows[0];
  if (!account) throw new Error('no such session');
  const id = account.id;
  // lib/reader/article-state.ts: the article's part in one statement.
  await pool.query(
    `select
       (select count(*)::int from favourites where article_slug = $1) as favourites,
       exists (select 1 from favourites where account_id = $2 and article_slug = $3) as favourited,
       r.ratings, r.stars,
       (select stars from ratings where account_id = $4 and article_slug = $5) as mine,
       (select correct from quiz_attempts where account_id = $6 and article_slug = $7) as correct,
       exists (select 1 from unlocks where account_id = $8 and article_slug = $9) as unlocked
     from (select count(*)::int as ratings, coalesce(sum(stars), 0)::int as stars from ratings where article_slug = $10) as r`,
    [slug, id, slug, id, slug, id, slug, id, slug, slug],
  );
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
