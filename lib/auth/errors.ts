import type { AuthErrorCode } from '@/lib/http/contract';

/**
 * Error codes an auth form can end with, shown on the form page from its URL
 * (`?error=`, which a reader can type, so it is looked up here rather than trusted).
 * Each has a message in messages/*.json AuthErrors, or this fails to compile.
 */
export const AUTH_ERROR_CODES = [
  'username_required',
  'username_length',
  'username_characters',
  'username_mixed_scripts',
  'password_required',
  'password_length',
  'password_blank',
  'username_taken',
  'username_retired',
  'consent_required',
  'invalid_credentials',
  'rate_limited',
  'account_locked',
  'sign_up_limited',
  'sign_up_limited_hours',
  'busy',
  'too_large',
  'invalid_input',
  'bad_origin',
  'unavailable',
] as const satisfies readonly AuthErrorCode[];
