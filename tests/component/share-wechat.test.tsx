import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import zhCN from '@/messages/zh-CN.json';

vi.mock('next/navigation', () => ({ usePathname: () => '/articles/x' }));

const S = zhCN.Share;
const LABELS = { copy: S.copy, copied: S.copied, copyFallback: S.copyFallback, link: S.link, nativeShare: S.nativeShare, wechatHint: S.wechatHint };
const OWN = 'abcdefghij';
const WECHAT_UA = 'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/116 Mobile Safari/537.36 MicroMessenger/8.0.40';
const signedIn = { username: 'alice', isModerator: false, referralCode: OWN, feathers: 0, unseenNotifications: 0 };

let visits: Array<Record<string, string>>;
let account: typeof signedIn | null;

beforeEach(() => {
  vi.resetModules(); // a fresh reader-state store per test
  visits = [];
  account = signedIn;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://localhost');
      if (url.pathname === '/api/share-visits') visits.push(Object.fromEntries(init!.body as FormData) as Record<string, string>);
      const body = url.pathname === '/api/reader-state' ? { available: true, account, article: null } : { ok: true, counted: false, awarded: 0 };
      return new Response(JSON.stringify(body));
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The article at `address`, in WeChat or not: the share actions, the beacon and the panel's title, as the page has them. */
async function openArticle(address: string, { wechat }: { wechat: boolean }) {
  window.history.replaceState(null, '', address);
  if (wechat) vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(WECHAT_UA);
  const { ShareActions } = await import('@/components/share/share-actions');
  const { ShareVisitBeacon } = await import('@/components/feathers/share-visit-beacon');
  const { ShareTitle } = await import('@/components/share/share-title');
  render(
    <>
      <h2>
        <ShareTitle signedOut={S.open} signedIn={S.openSignedIn} />
      </h2>
      <ShareVisitBeacon slug="x" />
      <ShareActions url="https://example.com/articles/x" title="x" labels={LABELS} />
    </>,
  );
}

const address = () => window.location.pathname + window.location.search + window.location.hash;

describe('sharing inside WeChat', () => {
  it("puts a signed-in reader's own share link in the address bar, and reports no visit", async () => {
    await openArticle('/articles/x#comments', { wechat: true });
    expect(await screen.findByRole('heading', { name: S.openSignedIn })).toBeInTheDocument();
    await waitFor(() => expect(address()).toBe(`/articles/x?ref=${OWN}#comments`));
    expect(visits).toEqual([]);
  });

  it("reopened with the reader's own code (a reload in WeChat), reports nothing and keeps the link", async () => {
    await openArticle(`/articles/x?ref=${OWN}`, { wechat: true });
    await screen.findByRole('heading', { name: S.openSignedIn });
    await waitFor(() => expect(address()).toBe(`/articles/x?ref=${OWN}`));
    await new Promise((r) => setTimeout(r, 20));
    expect(visits).toEqual([]);
  });

  it("reports another sharer's visit once, then shows the reader's own link instead", async () => {
    await openArticle('/articles/x?ref=zzzzzzzzzz', { wechat: true });
    await waitFor(() => expect(visits).toEqual([{ article: 'x', ref: 'zzzzzzzzzz' }]));
    await waitFor(() => expect(address()).toBe(`/articles/x?ref=${OWN}`));
    expect(visits).toHaveLength(1);
  });

  it('signed out, the title is 分享 and the address is left alone', async () => {
    account = null;
    await openArticle('/articles/x', { wechat: true });
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByRole('heading', { name: S.open })).toBeInTheDocument();
    expect(address()).toBe('/articles/x');
  });
});

describe('sharing outside WeChat', () => {
  it('leaves the address bar untouched for a signed-in reader and drops their own code without reporting it', async () => {
    await openArticle(`/articles/x?ref=${OWN}`, { wechat: false });
    expect(await screen.findByRole('heading', { name: S.openSignedIn })).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 20));
    expect(address()).toBe('/articles/x');
    expect(visits).toEqual([]);
  });
});
