#!/usr/bin/env node
// One round of gift redemptions done with `pg` alone: the statements of a signed-in
// `POST /api/gifts/<id>/redeem` (lib/http/mutation.ts's session lookup, then
// the consent check, then lib/feathers/mall.ts redeemGift with ledger.ts appendEntry,
// in one transaction that takes the hot stock row last),
// by `connections` concurrent callers on a pool as large as the stack's two
// instances together (2 × 10), until every gift is out of stock. The ceiling for
// what the route could reach on this database; bench/redeem.mjs compares the route
// through the stack with it.
//
//   node bench/raw-redeem.mjs <database url> <connections> <gift id:price:stock>... < tokens.json
//
// Prints one JSON line: { redemptions, seconds, latencies }.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';

const [url, connectionsArg, ...giftArgs] = process.argv.slice(2);
const connections = Number(connectionsArg);
const gifts = giftArgs.map((g) => {
  const [id, price, stock] = g.split(':');
  return { id, price: Number(price), stock: Number(stock) };
});
const tokenHashes = JSON.parse(readFileSync(0, 'utf8')).map((t) => createHash('sha256').update(t).digest('hex'));
const pool = new pg.Pool({ connectionString: url, max: 20 });
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const code = () => {
  const c = [...randomBytes(12)].map((b) => ALPHABET[b & 31]).join('');
  return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8, 12)}`;
};

/** Returns true when redeemed, false when out of stock. */
async function redeem(tokenHash, gift) {
  const { rows } = await pool.query(
    `select s.expires_at, a.id, a.username, a.is_moderator, a.referral_code, a.feathers, a.created_at
       from sessions s inner join accounts a on a.id = s.account_id where s.token_hash = $1 and a.deleted_at is null`,
    [tokenHash],
  );
  const accountId = rows[0].id;
  // The route's consent check (lib/account/consent.ts): redeeming is only on the terms in force.
  await pool.query('select document, version from consents where account_id = $1', [accountId]);
  const key = randomBytes(18).toString('base64url');
  const client = await pool.connect();
  try {
    await client.query('begin');
    const locked = await client.query('select feathers, deleted_at from accounts where id = $1 for no key update', [accountId]);
    const balance = locked.rows[0].feathers;
    await client.query('select id, gift_id, price, code, created_at from redemptions where account_id = $1 and idempotency_key = $2', [accountId, key]);
    if (balance < gift.price) throw new Error('bench reader ran out of feathers');
    if (gift.stock <= 0) {
      await client.query('rollback');
      return false;
    }
    const redemption = await client.query(
      'insert into redemptions (account_id, gift_id, price, code, idempotency_key) values ($1, $2, $3, $4, $5) returning id, gift_id, price, code, created_at',
      [accountId, gift.id, gift.price, code(), key],
    );
    const reference = `redemption:${redemption.rows[0].id}`;
    const after = balance - gift.price;
    await client.query(
      'insert into ledger (account_id, delta, reason, reference, note, balance_after) values ($1, $2, $3, $4, $5, $6) returning id, delta, reason, reference, note, balance_after, created_at',
      [accountId, -gift.price, 'redeem', reference, null, after],
    );
    await client.query('update accounts set feathers = $1 where id = $2', [after, accountId]);
    const taken = await client.query(
      'insert into gift_stock (gift_id, redeemed) values ($1, 1) on conflict (gift_id) do update set redeemed = gift_stock.redeemed + 1 where gift_stock.redeemed < $2 returning redeemed',
      [gift.id, gift.stock],
    );
    if (taken.rowCount === 0) {
      await client.query('rollback');
      return false;
    }
    await client.query('commit');
    return true;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const latencies = [];
const exhausted = new Set();
let n = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: connections }, async (_, c) => {
    while (exhausted.size < gifts.length) {
      const i = n++;
      const gift = gifts[i % gifts.length];
      if (exhausted.has(gift.id)) continue;
      const t0 = performance.now();
      if (await redeem(tokenHashes[(i + c) % tokenHashes.length], gift)) latencies.push(performance.now() - t0);
      else exhausted.add(gift.id);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ redemptions: latencies.length, seconds, latencies }));
await pool.end();
