import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getAccountByUsername } from '../auth/accounts';
import type { Db } from '../db/client';
import { MAX_DELTA, applyChange } from './ledger';

/** An operator's grant: a non-zero whole number of feathers (negative takes back) and a reason. */
export const Grant = z.object({
  username: z.string().min(1),
  amount: z
    .string()
    .regex(/^[+-]?\d+$/, 'amount must be a whole number, e.g. 50 or -20')
    .transform(Number)
    .refine((n) => n !== 0, 'amount must not be zero')
    .refine((n) => Math.abs(n) <= MAX_DELTA, `amount must be at most ${MAX_DELTA} either way`),
  reason: z.string().trim().min(1, 'give a --reason').max(200, 'the reason is at most 200 characters'),
});

export type GrantResult = { ok: true; balance: number; username: string } | { ok: false; message: string };

/** Adds (or with a negative amount, takes back) feathers, recorded in the ledger like everything else. */
export async function grantFeathers(db: Db, input: { username: string; amount: string; reason: string }): Promise<GrantResult> {
  const parsed = Grant.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const account = await getAccountByUsername(db, parsed.data.username);
  if (!account) return { ok: false, message: `no account named "${parsed.data.username}".` };
  const result = await applyChange(db, {
    accountId: account.id,
    delta: parsed.data.amount,
    reason: 'grant',
    reference: `grant:${randomUUID()}`,
    note: parsed.data.reason,
  });
  if (!result.ok) {
    return result.code === 'feathers_short'
      ? { ok: false, message: `${account.username} has ${result.balance} feathers; a balance cannot go below zero.` }
      : { ok: false, message: `no account named "${parsed.data.username}".` };
  }
  return { ok: true, balance: result.balance, username: account.username };
}
