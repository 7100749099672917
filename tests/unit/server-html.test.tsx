import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ArticleBody, articleBodyHtml } from '@/components/article/article-body';
import { TableOfContents } from '@/components/article/table-of-contents';
import { ServerHtml } from '@/components/server-html/server-html';
import type { ArticleViewPart } from '@/lib/content/site';

const p = (text: string) => ({ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: text }] });
const section = (id: string, level: 2 | 3, text: string, body: string, subsections: ArticleViewPart[] = []) =>
  ({
    kind: 'section',
    heading: { id, level, text, node: { type: 'element', tagName: `h${level}`, properties: { id }, children: [{ type: 'text', value: text }] } },
    blocks: [p(body)],
    subsections,
  }) as unknown as ArticleViewPart;

const parts = [
  { kind: 'lead', blocks: [p('导语 <b>不是标签</b>')] },
  section('一运营', 2, '一、运营', '第一节', [section('1细节', 3, '1. 细节', '小节')]),
  { kind: 'locked', price: 20 },
] as unknown as ArticleViewPart[];

describe('article body as HTML', () => {
  it('is the lead and the sections in reading order, headings with their ids, text escaped, the locked part left out', () => {
    expect(articleBodyHtml(parts)).toBe(
      '<p>导语 &#x3C;b>不是标签&#x3C;/b></p><h2 id="一运营">一、运营</h2><p>第一节</p><h3 id="1细节">1. 细节</h3><p>小节</p>',
    );
  });

  it('reaches the server-rendered page once, inside the .prose element the browser reads it back from', () => {
    const html = renderToString(<ArticleBody parts={parts} htmlKey="zh-CN/sample/body" lang="zh-CN" />);
    expect(html).toBe(`<div class="prose" lang="zh-CN" data-server-html="zh-CN/sample/body">${articleBodyHtml(parts)}</div>`);
  });

  it('keeps each article and locale apart', () => {
    const other = [{ kind: 'lead', blocks: [p('另一篇')] }] as unknown as ArticleViewPart[];
    const a = renderToString(<ArticleBody parts={parts} htmlKey="en/sample/body" lang="zh-CN" />);
    const b = renderToString(<ArticleBody parts={other} htmlKey="en/other/body" lang="zh-CN" />);
    expect(a).toContain('第一节');
    expect(b).toContain('另一篇');
    expect(b).not.toContain('第一节');
  });

  it('refuses to render a body whose HTML the server component did not share, rather than prerender it empty', () => {
    expect(() => renderToString(<ServerHtml htmlKey="zh-CN/never-shared/body" className="prose" lang="zh-CN" />)).toThrow(/never-shared/);
    expect(() => renderToString(<ServerHtml as="nav" htmlKey="zh-CN/never-shared/toc" />)).toThrow(/never-shared/);
    expect(() => renderToString(<ServerHtml as="script" type="application/ld+json" htmlKey="zh-CN/never-shared/ld" />)).toThrow(/never-shared/);
  });
});

describe('the contents list as HTML', () => {
  it('is the labelled nav around the closed details its server component shared, headings escaped', () => {
    const withTag = [section('a', 2, '<b>标题</b> & 更多', '正文')] as unknown as ArticleViewPart[];
    const html = renderToString(<TableOfContents parts={withTag} label="目录" lang="zh-CN" htmlKey="zh-CN/sample/toc" />);
    expect(html).toBe(
      '<nav class="toc" aria-label="目录" data-server-html="zh-CN/sample/toc"><details class="toc-details"><summary>目录</summary>' +
        '<div lang="zh-CN"><ol><li><a href="#a">&#x3C;b>标题&#x3C;/b> &#x26; 更多</a></li></ol></div></details></nav>',
    );
  });
});
