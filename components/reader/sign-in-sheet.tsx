'use client';

import { lazy, Suspense } from 'react';
import { useSignInRequest, type SignInReason } from './sign-in-gate';

export type SignInSheetLabels = {
  title: string;
  reasons: Record<SignInReason, string>;
  username: string;
  password: string;
  submit: string;
  cancel: string;
  noAccount: string;
  signUp: string;
  failed: string;
};

// Most readers never open it: its code loads on the first ask, not with the page.
const SignInSheetForm = lazy(() => import('./sign-in-sheet-form'));

/**
 * 登录 over the page, saying why (「登录后即可收藏」): signing in here keeps the reader
 * where they were, with what they chose, and finishes 收藏 and 评分 by itself; an
 * action that spends feathers reopens its confirmation instead. 注册 is the full page,
 * coming back to the control's anchor.
 */
export function SignInSheet(props: { locale: string; path: string; signUpHref: string; labels: SignInSheetLabels }) {
  const request = useSignInRequest();
  if (!request) return null;
  return (
    <Suspense fallback={null}>
      <SignInSheetForm request={request} {...props} />
    </Suspense>
  );
}
