// How many feathers each way of earning them pays: the one place these numbers
// live. The rewards code (lib/feathers/rewards.ts, lib/comments/comments.ts) pays
// them and the pages that explain how feathers are earned (/me, /mall, the comment
// form's answer) show them as ICU parameters, so the text cannot drift from the
// code. No imports, so any module (and a test) can read them.

/** 恭喜你~答对了 +5羽毛: a right answer to an article's reading quiz, once per article. */
export const QUIZ_REWARD = 5;
/** 成功推荐给其他人 +10羽毛: someone signs up through the reader's share link. */
export const REFERRAL_REWARD = 10;
/** Each distinct reader who opens the article through a share link: +5 … */
export const SHARE_READ_REWARD = 5;
/** … at most +15 per sharer and article. */
export const SHARE_READ_CAP = 15;
/** Approving a comment pays its author this many feathers, once. */
export const COMMENT_REWARD = 10;
