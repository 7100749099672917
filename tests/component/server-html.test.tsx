import { act } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { ServerHtml, serverHtmlInDocument } from '@/components/server-html/server-html';

// React's act() is used directly here (no Testing Library render).
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const SERVER_HTML = '<div class="prose" lang="zh-CN" data-server-html="zh-CN/sample/body"><h2 id="一运营">一、运营</h2><p>服务器给的正文</p></div>';

describe('ServerHtml in the browser', () => {
  it('hydrates over the body the server sent, keeping it, although it gets no HTML as a prop', async () => {
    const container = document.createElement('div');
    container.innerHTML = SERVER_HTML;
    document.body.append(container);
    await act(async () => {
      hydrateRoot(container, <ServerHtml htmlKey="zh-CN/sample/body" className="prose" lang="zh-CN" />);
    });
    expect(container.querySelector('[data-server-html] p')?.textContent).toBe('服务器给的正文');
    expect(container.querySelector('h2')?.id).toBe('一运营');
    container.remove();
  });

  it('hydrates a JSON-LD script over the data the server sent, keeping it as it was', async () => {
    const data = '[{"@context":"https://schema.org","@type":"Article","headline":"\\u003c标题>"}]';
    const container = document.createElement('div');
    container.innerHTML = `<script type="application/ld+json" data-server-html="zh-CN/sample/ld">${data}</script>`;
    document.body.append(container);
    await act(async () => {
      hydrateRoot(container, <ServerHtml as="script" type="application/ld+json" htmlKey="zh-CN/sample/ld" />);
    });
    expect(container.querySelector('script')?.textContent).toBe(data);
    expect(JSON.parse(container.querySelector('script')!.textContent!)[0].headline).toBe('<标题>');
    container.remove();
  });

  // Relies on the first test: the body it hydrated over is the one this tab has shown.
  it('shows the same body again when the page is rendered anew without that element (back inside the app)', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () => {
      root.render(<ServerHtml htmlKey="zh-CN/sample/body" className="prose" lang="zh-CN" />);
    });
    expect(container.querySelector('[data-server-html="zh-CN/sample/body"] p')?.textContent).toBe('服务器给的正文');
    act(() => root.unmount());
    container.remove();
  });

  it('tells a page that came without the element (reload) from one whose body is empty (no reload, no loop)', () => {
    expect(serverHtmlInDocument('en/missing/body')).toBeNull();
    const empty = document.createElement('div');
    empty.dataset.serverHtml = 'en/empty/body';
    document.body.append(empty);
    expect(serverHtmlInDocument('en/empty/body')).toBe('');
    empty.remove();
  });
});
