// No imports: the feedback form in the browser reads these too.

/** Longest message (and answer), in characters after trimming. */
export const MAX_FEEDBACK_LENGTH = 1000;

/** What a message is: a suggestion, or an appeal naming the comment or the ban it contests. */
export const FEEDBACK_KINDS = ['suggestion', 'comment_appeal', 'ban_appeal'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** What a moderator may do with an answer: nothing more, restore the contested comment, or lift the ban. */
export const FEEDBACK_ACTIONS = ['answer', 'restore', 'lift_ban'] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];
