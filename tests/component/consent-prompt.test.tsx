import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import zhCN from '@/messages/zh-CN.json';

vi.mock('next/navigation', () => ({ usePathname: () => '/mall', useRouter: () => ({ refresh: vi.fn() }) }));

const C = zhCN.Consent;
const LABELS = { title: C.promptTitle, text: C.promptText, accept: C.accept, later: C.later, terms: C.terms, privacy: C.privacy, failed: zhCN.Error.title };

const state = (consentNeeded: string[]) => ({
  available: true,
  account: { username: 'alice', isModerator: false, referralCode: 'abcdefghij', feathers: 50, unseenNotifications: 0, consentNeeded },
  article: null,
});

type Reply = { status?: number; body: unknown };
let posts: Array<{ url: string; form: [string, string][] }>;
let replies: Record<string, () => Reply>;

beforeEach(() => {
  vi.resetModules(); // a fresh reader-state store per test
  posts = [];
  replies = {};
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://localhost');
      const key = url.pathname + url.search;
      if (init?.method === 'POST') posts.push({ url: key, form: [...(init.body as FormData).entries()] as [string, string][] });
      const reply = replies[key]?.() ?? { status: 404, body: {} };
      return new Response(JSON.stringify(reply.body), { status: reply.status ?? 200 });
    }),
  );
});

afterEach(() => vi.unstubAllGlobals());

async function renderPrompt() {
  const { ConsentPrompt } = await import('@/components/account/consent-prompt');
  const { postFields } = await import('@/components/reader/reader-state');
  render(<ConsentPrompt locale="zh-CN" prefix="" labels={LABELS} />);
  return { postFields };
}

const REFUSED = { status: 403, body: { ok: false, code: 'terms_consent_required', message: zhCN.ActionErrors.terms_consent_required } };

describe('ConsentPrompt', () => {
  it('appears when an action is refused for terms changed since the page loaded, and accepting both hides it', async () => {
    replies['/api/reader-state'] = () => ({ body: state([]) });
    replies['/api/gifts/coupon/redeem'] = () => REFUSED;
    replies['/api/me/consent'] = () => ({ body: { ok: true, accepted: ['terms'], message: C.accepted } });
    const { postFields } = await renderPrompt();
    await act(async () => {});
    expect(screen.queryByRole('dialog')).toBeNull();

    const answer = await act(() => postFields('redeem', '/api/gifts/coupon/redeem', { key: 'k'.repeat(16) }));
    expect(answer).toMatchObject({ ok: false, code: 'terms_consent_required' });
    const dialog = await screen.findByRole('dialog', { name: C.promptTitle });
    expect(dialog).toHaveFocus();
    expect(screen.getByRole('link', { name: C.terms })).toHaveAttribute('href', '/terms');
    expect(screen.getByRole('link', { name: C.privacy })).toHaveAttribute('href', '/privacy');

    await userEvent.click(screen.getByRole('button', { name: C.accept }));
    expect(posts.at(-1)).toEqual({
      url: '/api/me/consent',
      form: [
        ['locale', 'zh-CN'],
        ['accept', 'on'],
        ['documents', 'terms'],
        ['documents', 'privacy'],
      ],
    });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('comes back after 稍后 when an action needs the consent', async () => {
    replies['/api/reader-state'] = () => ({ body: state(['privacy', 'rules']) });
    replies['/api/articles/x/unlock'] = () => REFUSED;
    const { postFields } = await renderPrompt();
    await screen.findByRole('dialog', { name: C.promptTitle });
    // Only the sign-up documents: the 社区公约 is asked for at the comment form.
    expect(screen.getByRole('link', { name: C.privacy })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: C.terms })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: C.later }));
    expect(screen.queryByRole('dialog')).toBeNull();

    await act(() => postFields('unlock', '/api/articles/x/unlock', {}));
    expect(await screen.findByRole('dialog', { name: C.promptTitle })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: C.terms })).toBeNull();
  });
});
