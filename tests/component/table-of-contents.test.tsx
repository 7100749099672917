import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { contentsHtml, contentsOf } from '@/components/article/table-of-contents';
import type { ArticleViewPart } from '@/lib/content/site';

const heading = (id: string, level: 2 | 3 | 4, text: string) => ({
  id,
  level,
  text,
  node: { type: 'element', tagName: `h${level}`, properties: { id }, children: [] },
});
const section = (id: string, level: 2 | 3 | 4, text: string, subsections: ArticleViewPart[] = []) =>
  ({ kind: 'section', heading: heading(id, level, text), blocks: [], subsections }) as unknown as ArticleViewPart;

const parts: ArticleViewPart[] = [
  { kind: 'lead', blocks: [] },
  section('一什么是运营电商运营', 2, '一、什么是运营、电商运营', [section('1-运营', 3, '1. 运营', [section('deep', 4, '更深的标题')])]),
  section('二电商运营的工作', 2, '二、电商运营的工作'),
  { kind: 'locked', price: 20 },
];

/** The contents list as the server sends it (the wrapping nav is TableOfContents's; tests/unit/server-html.test.tsx renders it whole). */
function renderContents(items: ArticleViewPart[]) {
  document.body.innerHTML = `<nav class="toc" aria-label="目录">${contentsHtml(contentsOf(items), '目录', 'zh-CN')}</nav>`;
}

describe('TableOfContents', () => {
  it('lists the ## and ### headings as links to their ids, nested, in a labelled nav', () => {
    renderContents(parts);
    const nav = screen.getByRole('navigation', { name: '目录' });
    const links = within(nav).getAllByRole('link', { hidden: true });
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['一、什么是运营、电商运营', '#一什么是运营电商运营'],
      ['1. 运营', '#1-运营'],
      ['二、电商运营的工作', '#二电商运营的工作'],
    ]);
    // ### sits in a list inside its ## entry.
    expect(links[1]!.closest('ol')!.parentElement!.closest('li')).toBe(links[0]!.closest('li'));
    expect(nav.querySelector('details')).not.toHaveAttribute('open');
    expect(within(nav).getByText('目录').tagName).toBe('SUMMARY');
  });

  it('never lists a locked part (its headings are not in the view) and has nothing to list without headings', () => {
    expect(
      contentsOf([
        { kind: 'lead', blocks: [] },
        { kind: 'locked', price: 5 },
      ]),
    ).toEqual([]);
  });
});
