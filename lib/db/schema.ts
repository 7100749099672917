import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** A reader's account. Usernames are stored lower-cased, so uniqueness ignores case. */
export const accounts = pgTable(
  'accounts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull().unique(),
    /**
     * The name's look-alike skeleton (lib/account/skeleton.ts): unique, so `аlice`
     * (Cyrillic а) cannot sign up beside `alice`. Null on a tombstone, and on an
     * account made before the column until housekeeping fills it in.
     */
    usernameSkeleton: text('username_skeleton').unique(),
    passwordHash: text('password_hash').notNull(),
    isModerator: boolean('is_moderator').notNull().default(false),
    /** Carried by the reader's share links; referral and share-read rewards pay on it. */
    referralCode: text('referral_code').notNull().unique(),
    /** The reader whose share link this account signed up through. */
    referredBy: bigint('referred_by', { mode: 'number' }).references((): AnyPgColumn => accounts.id, { onDelete: 'set null' }),
    /**
     * The feathers balance: always the sum of the account's ledger rows, because both
     * change in one transaction that holds this row's lock (lib/feathers/ledger.ts).
     */
    feathers: integer('feathers').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Set when the reader deleted the account (注销): the row stays as an anonymous
     * tombstone (no name, no password) so its ledger and redemptions keep their owner.
     */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [check('accounts_feathers_not_negative', sql`${t.feathers} >= 0`)],
);

/** A signed-in browser. Only a hash of the cookie's random token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_account_idx').on(t.accountId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** One row per reader and favourited article: a double click cannot make two. */
export const favourites = pgTable(
  'favourites',
  {
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    articleSlug: text('article_slug').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.articleSlug] }), index('favourites_article_idx').on(t.articleSlug)],
);

/** One rating per reader and article, 1–5 stars; changing it updates the row. */
export const ratings = pgTable(
  'ratings',
  {
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    articleSlug: text('article_slug').notNull(),
    stars: smallint('stars').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.articleSlug] }),
    index('ratings_article_idx').on(t.articleSlug),
    check('ratings_stars_range', sql`${t.stars} between 1 and 5`),
  ],
);

/**
 * Per-article totals (收藏, ratings and their stars, visible comments), so that a
 * page load reads one row instead of counting hundreds of thousands. Kept exact by
 * PostgreSQL triggers on favourites, ratings and comments (migration 0007): no code
 * path can forget them, account deletion's cascades included. No row: all zero.
 */
export const articleStats = pgTable('article_stats', {
  articleSlug: text('article_slug').primaryKey(),
  favourites: integer('favourites').notNull().default(0),
  ratings: integer('ratings').notNull().default(0),
  stars: bigint('stars', { mode: 'number' }).notNull().default(0),
  /** Approved and not hidden: the comments the article shows. */
  approvedComments: integer('approved_comments').notNull().default(0),
});

/**
 * Fixed-window attempt counters (sign-in per username and per address), kept in
 * PostgreSQL so that every app instance sees the same counts.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});

/**
 * The feathers ledger, append-only: every change of a balance is a row. The unique key
 * makes each award and each spend happen once, whatever the retries.
 */
export const ledger = pgTable(
  'ledger',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    delta: integer('delta').notNull(),
    /** What for: grant, quiz, referral, share_read, redeem, unlock, comment, comment_removed, comment_restored. */
    reason: text('reason').notNull(),
    /** What it is about (an article, a redemption, an account…): with the reason, it happens once. */
    reference: text('reference').notNull(),
    /** Free text an operator gave with a grant. */
    note: text('note'),
    balanceAfter: integer('balance_after').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('ledger_once').on(t.accountId, t.reason, t.reference),
    index('ledger_account_idx').on(t.accountId, t.id),
    check('ledger_delta_not_zero', sql`${t.delta} <> 0`),
    check('ledger_balance_not_negative', sql`${t.balanceAfter} >= 0`),
  ],
);

/** How many of each gift have been handed out; the stock itself is in content/gifts.md. */
export const giftStock = pgTable(
  'gift_stock',
  {
    giftId: text('gift_id').primaryKey(),
    redeemed: integer('redeemed').notNull().default(0),
  },
  (t) => [check('gift_stock_redeemed_not_negative', sql`${t.redeemed} >= 0`)],
);

/** A gift a reader redeemed, with the code they use to claim it. */
export const redemptions = pgTable(
  'redemptions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    giftId: text('gift_id').notNull(),
    price: integer('price').notNull(),
    code: text('code').notNull().unique(),
    /** From the form: a retried or double-clicked redemption finds the first one. */
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('redemptions_once').on(t.accountId, t.idempotencyKey)],
);

/** A paid article a reader has unlocked; it stays unlocked. */
export const unlocks = pgTable(
  'unlocks',
  {
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    articleSlug: text('article_slug').notNull(),
    price: integer('price').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.articleSlug] })],
);

/** A reader's one answer to an article's quiz. */
export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    articleSlug: text('article_slug').notNull(),
    choice: smallint('choice').notNull(),
    correct: boolean('correct').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.articleSlug] })],
);

/** Distinct readers who opened an article through someone's share link. */
export const shareVisits = pgTable(
  'share_visits',
  {
    sharerId: bigint('sharer_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    articleSlug: text('article_slug').notNull(),
    /** 'a:<account id>' for a signed-in reader, 'v:<visitor id>' from the signed visitor cookie. */
    visitorKey: text('visitor_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sharerId, t.articleSlug, t.visitorKey] })],
);

/** Secrets every app instance must share (the visitor-cookie signing key), made once. */
export const appSecrets = pgTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
});

/**
 * A reader's comment on an article. Only approved ones are shown, and not while
 * enough reports have hidden them; the author sees their own pending ones.
 */
export const comments = pgTable(
  'comments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    articleSlug: text('article_slug').notNull(),
    body: text('body').notNull(),
    /** sha256 of the trimmed text: the same text twice within an hour is refused. */
    bodyHash: text('body_hash').notNull(),
    /** pending → approved | rejected; approved → removed. */
    status: text('status').notNull().default('pending'),
    /** Set when enough distinct readers reported it: hidden until a moderator decides. */
    hidden: boolean('hidden').notNull().default(false),
    /** A category of the community rules (rejection or removal). */
    reason: text('reason'),
    reviewedBy: bigint('reviewed_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Holds everything the article's comment pages filter and sort on (hidden, and id
    // after created_at), so a page's OFFSET walks the index alone (lib/comments/comments.ts).
    index('comments_article_idx').on(t.articleSlug, t.status, t.hidden, t.createdAt, t.id),
    index('comments_account_idx').on(t.accountId, t.createdAt),
    // Exactly the moderation queue's rows, in its order (lib/comments/comments.ts,
    // listModerationQueue): the queue is a few recent rows among years of reviewed
    // ones, which a walk along the primary key would read all of to find.
    index('comments_queue_idx')
      .on(t.id)
      .where(sql`${t.status} = 'pending' or (${t.status} = 'approved' and ${t.hidden})`),
    check('comments_status', sql`${t.status} in ('pending', 'approved', 'rejected', 'removed')`),
    check('comments_length', sql`char_length(${t.body}) between 1 and 1000`),
  ],
);

/** One report per reader and comment. */
export const commentReports = pgTable(
  'comment_reports',
  {
    commentId: bigint('comment_id', { mode: 'number' })
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The rules' category the reader chose (null: reported before readers were asked why). */
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.accountId] })],
);

/** A ban from commenting (违规处罚): until a time, or for good when `until` is null. */
export const commentBans = pgTable('comment_bans', {
  accountId: bigint('account_id', { mode: 'number' })
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  until: timestamp('until', { withTimezone: true }),
  reason: text('reason').notNull(),
  bannedBy: bigint('banned_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What happened to a reader that they did not do themselves (a comment approved or
 * rejected, feathers credited or taken back, a ban), written in the same transaction
 * as the event. `payload` is read through a zod schema (lib/notifications).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    seenAt: timestamp('seen_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_account_idx').on(t.accountId, t.id),
    // The header's count of unseen ones, on every reader-state request.
    index('notifications_unseen_idx')
      .on(t.accountId)
      .where(sql`${t.seenAt} is null`),
  ],
);

/** Which version of each document (用户协议, 隐私政策, 社区公约) a reader accepted, and when. */
export const consents = pgTable(
  'consents',
  {
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** 'terms' | 'privacy' | 'rules' */
    document: text('document').notNull(),
    /** The `version` of the document's front matter that was accepted. */
    version: text('version').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.document] }), check('consents_document', sql`${t.document} in ('terms', 'privacy', 'rules')`)],
);

/** One-time password reset links an operator made (`npm run admin -- reset-link`): only the token's SHA-256. */
export const passwordResets = pgTable(
  'password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('password_resets_account_idx').on(t.accountId)],
);

/**
 * Usernames of deleted accounts, which sign-up refuses until `until` (30 days), so
 * nobody can pass for the reader who left. Only an HMAC of the name's skeleton is
 * kept, under a key in app_secrets (a bare hash of a short name is reversed by
 * trying names); housekeeping deletes a row once its time is up.
 */
export const retiredUsernames = pgTable('retired_usernames', {
  usernameHash: text('username_hash').primaryKey(),
  until: timestamp('until', { withTimezone: true }).notNull(),
});

/**
 * 建议反馈: a reader's message to the moderators, a suggestion or an appeal naming
 * the comment or the ban it contests, and the moderator's answer. Plain text.
 */
export const feedback = pgTable(
  'feedback',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** 'suggestion' | 'comment_appeal' | 'ban_appeal' */
    kind: text('kind').notNull(),
    /** The contested comment (a comment appeal). */
    commentId: bigint('comment_id', { mode: 'number' }).references(() => comments.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    /** open → answered */
    status: text('status').notNull().default('open'),
    answer: text('answer'),
    /** What the moderator did besides answering: 'restored' (the comment), 'ban_lifted', or nothing. */
    outcome: text('outcome'),
    answeredBy: bigint('answered_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('feedback_account_idx').on(t.accountId, t.createdAt),
    index('feedback_open_idx').on(t.status, t.id),
    check('feedback_kind', sql`${t.kind} in ('suggestion', 'comment_appeal', 'ban_appeal')`),
    check('feedback_status', sql`${t.status} in ('open', 'answered')`),
    check('feedback_outcome', sql`${t.outcome} is null or ${t.outcome} in ('restored', 'ban_lifted')`),
    check('feedback_body_length', sql`char_length(${t.body}) between 1 and 1000`),
    check('feedback_answer_length', sql`${t.answer} is null or char_length(${t.answer}) between 1 and 1000`),
  ],
);
