import { z } from 'zod';
import { getBan, getRuleCategory } from '../content/site';
import type { Ban } from '../content/model';

/**
 * A moderation form's reason: the id of one of the rules' categories, as
 * content/rules.md names them today (`{#spam}` …). Anything else is `reason_required`.
 */
export const RuleCategoryInput = z
  .string({ error: 'reason_required' })
  .refine((id) => getRuleCategory('zh-CN', id) !== undefined, { error: 'reason_required' });

/** A ban form's length: one the rules' penalties state (`1`, `7`, `15`, `permanent` today), as its ban. */
export const BanInput = z.string({ error: 'invalid_input' }).transform((key, ctx): Ban => {
  const ban = getBan(key);
  if (ban) return ban;
  ctx.addIssue({ code: 'custom', message: 'invalid_input' });
  return z.NEVER;
});
