/** Error codes an auth form can end with; each has a message in messages/*.json (AuthErrors), shown on the form page. */
export const AUTH_ERROR_CODES = [
  'username_required',
  'username_length',
  'username_characters',
  'username_mixed_scripts',
  'password_required',
  'password_length',
  'password_blank',
  'username_taken',
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
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];
