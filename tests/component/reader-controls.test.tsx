import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import zhCN from '@/messages/zh-CN.json';

vi.mock('next/navigation', () => ({ usePathname: () => '/articles/x', useRouter: () => ({ refresh: vi.fn() }) }));

const R = zhCN.Reader;
const RATING_LABELS = {
  legend: R.ratingLegend,
  star: R.star,
  submit: R.submitRating,
  overall: R.overall,
  overallNone: R.overallNone,
  mine: R.mine,
  mineNone: R.mineNone,
  failed: R.failed,
};
const FAVOURITE_LABELS = { favourite: R.favourite, count: R.favouriteCount, failed: R.failed };

const STATE = {
  available: true,
  account: { username: 'alice', isModerator: false, referralCode: 'abcdefghij', feathers: 0, unseenNotifications: 0 },
  article: { slug: 'x', favourite: { favourited: false, count: 2 }, rating: { mean: 4.5, count: 2, mine: null }, quiz: null },
};

type Reply = { status?: number; body: unknown };
let posts: Array<{ url: string; form: Record<string, string> }>;
let replies: Record<string, () => Reply>;

beforeEach(() => {
  vi.resetModules(); // a fresh reader-state store per test
  posts = [];
  replies = { '/api/reader-state?article=x': () => ({ body: STATE }) };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://localhost');
      const key = url.pathname + url.search;
      if (init?.method === 'POST') posts.push({ url: key, form: Object.fromEntries(init.body as FormData) as Record<string, string> });
      const reply = replies[key]?.() ?? { status: 404, body: {} };
      return new Response(JSON.stringify(reply.body), { status: reply.status ?? 200 });
    }),
  );
});

afterEach(() => vi.unstubAllGlobals());

async function renderRating() {
  const { RatingControl } = await import('@/components/reader/rating-control');
  render(<RatingControl slug="x" locale="zh-CN" next="/articles/x" labels={RATING_LABELS} />);
}

describe('RatingControl', () => {
  it('shows 综合评分 from reader state and saves with one tap', async () => {
    replies['/api/articles/x/rating'] = () => ({ body: { ok: true, rating: { mean: 4.3, count: 3, mine: 4 } } });
    await renderRating();
    expect(await screen.findByText('综合评分 4.5 分（2 人评分）')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('轻点星星即可评分');

    await userEvent.setup().click(screen.getByRole('radio', { name: '4 星' }));

    expect(await screen.findByText('综合评分 4.3 分（3 人评分）')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('已评 4 星');
    expect(posts).toEqual([{ url: '/api/articles/x/rating', form: { locale: 'zh-CN', next: '/articles/x', stars: '4' } }]);
  });

  it('saves once the arrow keys rest on a star', async () => {
    // The server answers with the stars it was sent.
    replies['/api/articles/x/rating'] = () => ({ body: { ok: true, rating: { mean: 4, count: 3, mine: Number(posts.at(-1)?.form.stars) } } });
    await renderRating();
    await screen.findByText('综合评分 4.5 分（2 人评分）');
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: '3 星' }));
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('已评 3 星'));
    posts = [];
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(screen.getByRole('radio', { name: '5 星' })).toBeChecked();
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('已评 5 星'), { timeout: 3000 });
    expect(posts.map((p) => p.form.stars)).toEqual(['5']);
  });

  it('shows the server message when a rating is refused', async () => {
    replies['/api/articles/x/rating'] = () => ({ status: 400, body: { ok: false, code: 'stars_range', message: '评分须为 1 到 5 星的整数。' } });
    await renderRating();
    await screen.findByText('综合评分 4.5 分（2 人评分）');
    await userEvent.setup().click(screen.getByRole('radio', { name: '5 星' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('评分须为 1 到 5 星的整数。');
    expect(screen.getByText('综合评分 4.5 分（2 人评分）')).toBeInTheDocument();
  });
});

describe('FavouriteToggle', () => {
  async function renderToggle() {
    const { FavouriteToggle } = await import('@/components/reader/favourite-toggle');
    render(<FavouriteToggle slug="x" locale="zh-CN" next="/articles/x" labels={FAVOURITE_LABELS} />);
  }

  it('adds in place and a double click sends one request', async () => {
    replies['/api/articles/x/favourite'] = () => ({ body: { ok: true, favourite: { favourited: true, count: 3 } } });
    await renderToggle();
    expect(await screen.findByText('2 人收藏')).toBeInTheDocument();
    const button = screen.getByRole('button', { name: '收藏' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    const user = userEvent.setup();
    await user.dblClick(button);
    expect(await screen.findByText('3 人收藏')).toBeInTheDocument();
    expect(button).toHaveAttribute('aria-pressed', 'true');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.form.intent).toBe('add');
  });

  it('sends a signed-out reader to sign in', async () => {
    replies['/api/reader-state?article=x'] = () => ({ body: { ...STATE, account: null } });
    replies['/api/articles/x/favourite'] = () => ({
      status: 401,
      body: { ok: false, code: 'sign_in_required', message: '请先登录。', signInUrl: '/sign-in?next=%2Farticles%2Fx' },
    });
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    await renderToggle();
    await screen.findByText('2 人收藏');
    await act(async () => screen.getByRole('button', { name: '收藏' }).click());
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith('/sign-in?next=%2Farticles%2Fx'));
  });

  it('shows no count while the database is unavailable, and keeps the form', async () => {
    replies['/api/reader-state?article=x'] = () => ({ status: 503, body: { available: false, account: null, article: null } });
    await renderToggle();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(screen.getByRole('button', { name: '收藏' })).toBeInTheDocument();
    expect(screen.queryByText(/人收藏/)).toBeNull();
  });
});
