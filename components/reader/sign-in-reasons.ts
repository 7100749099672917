/**
 * What the reader was doing when asked to sign in: each names the message that says
 * why (SignInSheet.*). Apart from the 'use client' gate so the server sheet can read it.
 */
export const SIGN_IN_REASONS = ['favourite', 'rating', 'quiz', 'redeem', 'report', 'comment', 'buy'] as const;
export type SignInReason = (typeof SIGN_IN_REASONS)[number];
