// Gift redemptions at 50 connections: through the stack (nginx, two app instances,
// PostgreSQL), and with `pg` alone doing the same statements (bench/raw-redeem.mjs),
// in the same run on the same database.
//
// The content's stock is small (100 of each gift), so a run cannot be a fixed time:
// each round redeems every gift's whole stock as fast as 50 clients can, and the
// figure is redemptions per second over the round. Between rounds the bench's own
// database gets its stock back (gift_stock.redeemed = 0); every redemption inside a
// round is a real one (lock, stock, code, ledger), never a refusal.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import YAML from 'yaml';

const ROUNDS = 3;
const FEATHERS_EACH = 100_000;

/** A fresh idempotency key, as the confirm dialog makes one. */
export const newKey = () => randomBytes(18).toString('base64url');

/** One POST on a keep-alive agent; resolves with status and parsed JSON body. */
function postJson(agent, url, form, headers) {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          let json = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            /* an nginx error page */
          }
          resolve({ status: res.statusCode, json, headers: res.headers });
        });
      },
    );
    req.setTimeout(30000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Signs `count` readers up through the stack (so each has its consents and a real
 * session) and gives each FEATHERS_EACH feathers with one ledger row, as
 * `npm run admin -- grant-feathers` would, in SQL to keep the set-up short.
 */
export async function seedRedeemers(origin, databaseUrl, count) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const run = Date.now().toString(36);
  const tokens = [];
  for (let i = 0; i < count; i++) {
    const res = await postJson(agent, `${origin}/api/auth/sign-up`, { username: `br_${run}_${i}`, password: 'correct horse 1', consent: 'on' }, { origin });
    const token = /(?:^|;\s*)session=([^;]+)/.exec([res.headers['set-cookie'] ?? []].flat().join('; '))?.[1];
    if (res.status !== 200 || !token) throw new Error(`redeem bench: sign-up answered ${res.status}`);
    tokens.push(token);
  }
  agent.destroy();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `with granted as (
         insert into ledger (account_id, delta, reason, reference, note, balance_after)
         select id, $1, 'grant', 'bench:' || $2, 'redeem bench', feathers + $1 from accounts where username like 'br\\_' || $2 || '\\_%'
         returning account_id, balance_after)
       update accounts a set feathers = g.balance_after from granted g where a.id = g.account_id`,
      [FEATHERS_EACH, run],
    );
  } finally {
    await client.end();
  }
  return tokens;
}

async function refillStock(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('update gift_stock set redeemed = 0');
  } finally {
    await client.end();
  }
}

const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** One round through the stack: 50 clients redeem until every gift says out_of_stock. */
async function roundThroughStack(origin, tokens, gifts, connections) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  const statuses = {};
  const exhausted = new Set();
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      while (exhausted.size < gifts.length) {
        const i = n++;
        const gift = gifts[i % gifts.length].id;
        if (exhausted.has(gift)) continue;
        const token = tokens[(i + c) % tokens.length];
        const t0 = performance.now();
        const res = await postJson(agent, `${origin}/api/gifts/${gift}/redeem`, { key: newKey() }, { origin, cookie: `session=${token}` });
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status === 200) latencies.push(performance.now() - t0);
        else if (res.json?.code === 'out_of_stock') exhausted.add(gift);
        else throw new Error(`redeem bench: ${res.status} ${JSON.stringify(res.json)}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { redemptions: latencies.length, seconds, latencies, statuses };
}

function summarise(rounds) {
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const redemptions = rounds.reduce((a, r) => a + r.redemptions, 0);
  const seconds = rounds.reduce((a, r) => a + r.seconds, 0);
  return {
    rounds: rounds.length,
    redemptions,
    requestsPerSec: redemptions / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    ...(rounds[0].statuses ? { statuses: rounds.map((r) => r.statuses) } : {}),
  };
}

/** The gifts of content/gifts.md: id, price and stock. */
export function readGifts(root) {
  const source = readFileSync(path.join(root, 'content', 'gifts.md'), 'utf8');
  const front = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
  return YAML.parse(front).gifts.map(({ id, price, stock }) => ({ id, price, stock }));
}

/**
 * Both measurements: `tokens` are signed-in readers with feathers, `gifts` from readGifts.
 * Returns { stack, raw } with req/s and p50/p99 of successful redemptions.
 */
export async function measureRedemptions({ origin, databaseUrl, tokens, gifts, connections, root }) {
  const stackRounds = [];
  const rawRounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    await refillStock(databaseUrl);
    stackRounds.push(await roundThroughStack(origin, tokens, gifts, connections));
    await refillStock(databaseUrl);
    const raw = spawnSync(process.execPath, ['bench/raw-redeem.mjs', databaseUrl, String(connections), ...gifts.map((g) => `${g.id}:${g.price}:${g.stock}`)], {
      cwd: root,
      encoding: 'utf8',
      input: JSON.stringify(tokens),
    });
    if (raw.status !== 0) throw new Error(`bench/raw-redeem.mjs failed:\n${raw.stderr}`);
    rawRounds.push(JSON.parse(raw.stdout.trim().split('\n').pop()));
  }
  await refillStock(databaseUrl);
  return { stack: summarise(stackRounds), raw: summarise(rawRounds) };
}
