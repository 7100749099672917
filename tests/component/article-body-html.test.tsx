import { act } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { ArticleBodyHtml, bodyInDocument } from '@/components/article/article-body-html';

// React's act() is used directly here (no Testing Library render).
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const SERVER_HTML = '<div class="prose" lang="zh-CN" data-article-body="zh-CN/sample"><h2 id="一运营">一、运营</h2><p>服务器给的正文</p></div>';

describe('ArticleBodyHtml in the browser', () => {
  it('hydrates over the body the server sent, keeping it, although it gets no HTML as a prop', async () => {
    const container = document.createElement('div');
    container.innerHTML = SERVER_HTML;
    document.body.append(container);
    await act(async () => {
      hydrateRoot(container, <ArticleBodyHtml bodyKey="zh-CN/sample" lang="zh-CN" />);
    });
    expect(container.querySelector('[data-article-body] p')?.textContent).toBe('服务器给的正文');
    expect(container.querySelector('h2')?.id).toBe('一运营');
    container.remove();
  });

  // Relies on the test above: the body it hydrated over is the one this tab has shown.
  it('shows the same body again when the page is rendered anew without that element (back inside the app)', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () => {
      root.render(<ArticleBodyHtml bodyKey="zh-CN/sample" lang="zh-CN" />);
    });
    expect(container.querySelector('[data-article-body="zh-CN/sample"] p')?.textContent).toBe('服务器给的正文');
    act(() => root.unmount());
    container.remove();
  });

  it('tells a page that came without the element (reload) from one whose body is empty (no reload, no loop)', () => {
    expect(bodyInDocument('en/missing')).toBeNull();
    const empty = document.createElement('div');
    empty.dataset.articleBody = 'en/empty';
    document.body.append(empty);
    expect(bodyInDocument('en/empty')).toBe('');
    empty.remove();
  });
});
