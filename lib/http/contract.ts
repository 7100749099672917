// The contract between the route handlers under app/api and the client leaves that
// call them: each endpoint's success body and the error codes it may answer with,
// declared once. Types only (nothing here exists at run time), so a 'use client'
// component can `import type` from it without pulling zod or server code into the
// page's JavaScript. Routes check what they answer against these types (handleMutation
// and `satisfies`); clients read answers as these types instead of casting.
//
// Error codes are keys of messages/*.json (ActionErrors, or AuthErrors for the sign-in
// and sign-up forms), typed through next-intl's AppConfig (lib/i18n/global.ts): a code
// without a message, or a code the endpoint does not declare, fails the type check.

import type { Messages } from 'next-intl';
import type { FavouriteState } from '@/lib/reader/favourites';
import type { RatingState } from '@/lib/reader/ratings';

export type { FavouriteState, RatingState };

/** Codes with a message in messages/*.json ActionErrors. */
export type ActionErrorCode = keyof Messages['ActionErrors'];
/** Codes with a message in messages/*.json AuthErrors (the sign-in and sign-up forms). */
export type AuthErrorCode = keyof Messages['AuthErrors'];
/** The namespaces refusals are translated from. */
export type ErrorNamespace = 'ActionErrors' | 'AuthErrors';
export type ErrorCodeOf<N extends ErrorNamespace> = N extends ErrorNamespace ? keyof Messages[N] & string : never;

/** A message of the success answer, as `Namespace.key` (a JSON answer carries it translated as `message`). */
export type SuccessMessageKey =
  | 'Quiz.right'
  | 'Quiz.wrong'
  | 'Comments.posted'
  | 'Comments.reported'
  | 'Feedback.sent'
  | 'Feedback.answered'
  | 'Mall.redeemedWithHowTo'
  | 'Settings.passwordChanged'
  | 'Settings.signedOutEverywhere'
  | 'Settings.deleted'
  | 'Settings.passwordReset'
  | 'Consent.accepted';

/** A document a reader accepts (用户协议, 隐私政策, 社区公约). */
export type ConsentDocument = 'terms' | 'privacy' | 'rules';

/** A comment as the comment endpoints send it (times as ISO strings). */
export type CommentView = { id: number; author: string; body: string; createdAt: string };
/** One of the reader's own comments others do not see: waiting, or rejected for a category of the rules (its id). */
export type OwnCommentView = CommentView & { status: 'pending' | 'rejected'; reason: string | null };

/** The result of one comment in a moderator's batch. */
export type ReviewResultView = { id: number; ok: boolean };

/**
 * One state-changing endpoint: what it answers on success (besides `ok: true` and
 * an optional translated `message`) and the codes it may refuse with, beyond the
 * pipeline's own (see PipelineErrors).
 */
type Mutation<Body, Errors extends ErrorCodeOf<N>, N extends ErrorNamespace = 'ActionErrors'> = {
  body: Body;
  errors: Errors;
  namespace: N;
};

/** Every state change, by name; the route file is named in each comment. */
export type Mutations = {
  /** POST /api/articles/[slug]/favourite */
  favourite: Mutation<{ favourite: FavouriteState }, 'unknown_article'>;
  /** POST /api/articles/[slug]/rating */
  rating: Mutation<{ rating: RatingState }, 'unknown_article' | 'stars_range'>;
  /** POST /api/articles/[slug]/quiz (message: Quiz.right / Quiz.wrong) */
  quiz: Mutation<
    { correct: boolean; awarded: number; balance: number; choice: number; answer: number; section: string | null },
    'unknown_article' | 'quiz_choice' | 'quiz_answered'
  >;
  /** POST /api/articles/[slug]/unlock */
  unlock: Mutation<{ balance: number; unlocked: true }, 'not_paid' | 'feathers_short' | 'terms_consent_required'>;
  /**
   * POST /api/gifts/[id]/redeem (message: Mall.redeemedWithHowTo). `howToUse`: the
   * gift's 使用方法 (content/gifts.md) in the answer's locale, which the success
   * dialog shows: the article and mall pages do not carry it.
   */
  redeem: Mutation<
    { redemption: { code: string; giftId: string }; balance: number; remaining: number; repeated: boolean; howToUse: string },
    'unknown_gift' | 'feathers_short' | 'out_of_stock' | 'idempotency_conflict' | 'terms_consent_required'
  >;
  /** POST /api/articles/[slug]/comments (message: Comments.posted) */
  comment: Mutation<
    { comment: OwnCommentView },
    | 'unknown_article'
    | 'comment_empty'
    | 'comment_invalid'
    | 'comment_too_long'
    | 'comment_links'
    | 'comment_banned'
    | 'comment_banned_forever'
    | 'comment_rate_limited'
    | 'comment_duplicate'
    | 'rules_consent_required'
    | 'terms_consent_required'
  >;
  /** POST /api/comments/[id]/report (message: Comments.reported) */
  report: Mutation<{ hidden: boolean }, 'unknown_comment' | 'report_own' | 'comment_banned' | 'comment_banned_forever' | 'reason_required'>;
  /** POST /api/moderation/review */
  review: Mutation<{ results: ReviewResultView[] }, 'no_selection' | 'reason_required'>;
  /** POST /api/feedback (message: Feedback.sent): 建议反馈, a suggestion or an appeal */
  feedback: Mutation<{ id: number }, 'feedback_empty' | 'feedback_too_long' | 'comment_invalid' | 'feedback_rate_limited' | 'unknown_comment' | 'not_banned'>;
  /** POST /api/moderation/feedback (message: Feedback.answered): a moderator answers, restoring the comment or lifting the ban */
  answerFeedback: Mutation<
    { outcome: 'restored' | 'ban_lifted' | null; feathers: number },
    'unknown_feedback' | 'cannot_restore' | 'not_banned' | 'answer_required' | 'feedback_too_long' | 'comment_invalid'
  >;
  /** POST /api/moderation/ban (`until` null: for good) */
  ban: Mutation<{ until: string | null }, 'unknown_account' | 'reason_required'>;
  /** POST /api/notifications/seen: marks the reader's notifications up to `upTo` seen (`unseen`: what is left) */
  notificationsSeen: Mutation<{ marked: number; unseen: number }, never>;
  /** POST /api/share-visits */
  shareVisit: Mutation<{ counted: boolean; awarded: number }, 'unknown_article'>;
  /** POST /api/auth/sign-up */
  signUp: Mutation<
    { next: string },
    | 'username_required'
    | 'username_length'
    | 'username_characters'
    | 'username_mixed_scripts'
    | 'password_required'
    | 'password_length'
    | 'password_blank'
    | 'username_taken'
    | 'username_retired'
    | 'consent_required'
    | 'sign_up_limited'
    | 'sign_up_limited_hours',
    'AuthErrors'
  >;
  /** POST /api/auth/sign-in */
  signIn: Mutation<{ next: string }, 'username_required' | 'password_required' | 'invalid_credentials' | 'rate_limited' | 'account_locked', 'AuthErrors'>;
  /** POST /api/auth/sign-out (answers ok with the database down too) */
  signOut: Mutation<{ next: string }, never, 'AuthErrors'>;
  /** POST /api/me/password (message: Settings.passwordChanged) */
  changePassword: Mutation<
    { next: string },
    'password_required' | 'password_length' | 'password_blank' | 'wrong_password' | 'rate_limited' | 'password_unchanged',
    'AuthErrors'
  >;
  /** POST /api/me/sign-out-everywhere (message: Settings.signedOutEverywhere) */
  signOutEverywhere: Mutation<{ next: string }, never, 'AuthErrors'>;
  /** POST /api/me/delete (message: Settings.deleted) */
  deleteAccount: Mutation<{ next: string }, 'password_required' | 'wrong_password' | 'rate_limited' | 'confirm_required', 'AuthErrors'>;
  /** POST /api/auth/reset-password (message: Settings.passwordReset) */
  resetPassword: Mutation<
    { next: string },
    'password_required' | 'password_length' | 'password_blank' | 'reset_invalid' | 'reset_used' | 'reset_expired',
    'AuthErrors'
  >;
  /** POST /api/me/consent (message: Consent.accepted) */
  acceptConsent: Mutation<{ accepted: ConsentDocument[] }, 'consent_required'>;
};
export type MutationName = keyof Mutations;

/**
 * Refusals any state change may answer before its own code runs (lib/http/mutation.ts):
 * a foreign origin, a body too large or not a form, the database down or the hasher
 * busy, and, where the endpoint needs them, a session (401) or the moderator role (404).
 */
export type PipelineErrors = 'bad_origin' | 'too_large' | 'invalid_input' | 'unavailable' | 'busy';
type AccessErrors = 'sign_in_required' | 'not_found';
/**
 * Answers the nginx in front gives itself (deploy/error-pages.mjs writes them from
 * ActionErrors): a body over its limit, a client over its request rate, no app
 * instance answering. Their JSON has the same shape, `code` and translated `message`.
 */
export type ProxyErrors = 'too_large' | 'too_many_requests' | 'unavailable';

/** The codes an endpoint's own code may end with: its declared ones and the pipeline's. */
export type MutationErrorCode<K extends MutationName> = Mutations[K]['errors'] | PipelineErrors;

// The pipeline's codes have a message in both namespaces, or this fails to compile.
type Assert<T extends true> = T;
export type PipelineCodesHaveMessages = Assert<[Exclude<PipelineErrors, ActionErrorCode & AuthErrorCode>] extends [never] ? true : false>;
export type ProxyCodesHaveMessages = Assert<[Exclude<ProxyErrors, ActionErrorCode & keyof Messages['ProxyErrors']>] extends [never] ? true : false>;

/** What a fetch of a state change gets back as JSON (`accept: application/json`). */
export type MutationAnswer<K extends MutationName> =
  | ({ ok: true; message?: string } & Mutations[K]['body'])
  | { ok: false; code: MutationErrorCode<K> | AccessErrors | ProxyErrors; message: string; signInUrl?: string };

/** GET /api/reader-state[?article=<slug>]: who is signed in and their state for the article. */
export type ReaderState = {
  account: {
    username: string;
    isModerator: boolean;
    referralCode: string;
    feathers: number;
    /** Notifications the reader has not seen yet (the header's count; /me lists them). */
    unseenNotifications: number;
    /** Documents whose current version the reader has not accepted (changed since, or never: rules before a first comment). */
    consentNeeded: ConsentDocument[];
  } | null;
  article: {
    slug: string;
    favourite: FavouriteState;
    rating: RatingState;
    /** Approved comments shown under the article (the action bar's count). */
    comments: number;
    quiz: { correct: boolean } | null;
    /** null: a free article; false/true: a paid one, locked or unlocked for this reader. */
    unlocked: boolean | null;
    /** What is left of each gift (by id) shown beside the article: the page itself is the same for everyone. */
    stock: Record<string, number>;
  } | null;
};
export type ReaderStateAnswer = ({ available: true } & ReaderState) | { available: false; account: null; article: null };

/** A read endpoint's refusal: a code the client turns into its own words. */
export type Refusal<C extends ActionErrorCode> = { ok: false; code: C };

/** GET /api/auth/reset-password?token=…: whether a reset link can still be used. */
export type ResetTokenAnswer = { ok: true; state: 'valid' | 'reset_invalid' | 'reset_used' | 'reset_expired' } | Refusal<'unavailable'>;

/** A category of the 社区公约 (its id, a comment's `reason`) and its name in a locale. */
export type RuleCategoryOption = { id: string; name: string; lang: string };

/**
 * GET /api/articles/[slug]/comments?page=N&locale=L (`mine`: the reader's own pending
 * and rejected ones; `categories`: the rules' categories in locale L, for 举报's sheet
 * and for naming a rejection; they come with the list, which a report needs first,
 * so the article page does not carry them)
 */
export type CommentsAnswer =
  | { ok: true; page: number; total: number; comments: CommentView[]; mine: OwnCommentView[]; categories: RuleCategoryOption[] }
  | Refusal<'unknown_article' | 'unavailable'>;

/** GET /api/articles/[slug]/paid?locale=… */
export type PaidPartAnswer = { ok: true; html: string } | Refusal<'not_paid' | 'sign_in_required' | 'locked' | 'unavailable'>;
