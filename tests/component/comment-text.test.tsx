import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CommentText } from '@/components/comments/comment-text';

describe('CommentText', () => {
  it('shows markup as typed text, never as elements', () => {
    const body = '<img src=x onerror=alert(1)><script>alert(2)</script><a href="javascript:alert(3)">x</a>';
    const { container } = render(<CommentText body={body} />);
    const p = container.querySelector('p')!;
    expect(p.textContent).toBe(body);
    expect(p.children).toHaveLength(0);
  });

  it('keeps line breaks and turns only http(s) URLs into nofollow ugc links', () => {
    const { container } = render(<CommentText body={'第一行\n看 https://example.com/a 和 javascript:alert(1)'} />);
    const p = container.querySelector('p')!;
    expect(p.textContent).toBe('第一行\n看 https://example.com/a 和 javascript:alert(1)');
    const links = Array.from(p.querySelectorAll('a'));
    expect(links.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.textContent])).toEqual([
      ['https://example.com/a', 'nofollow ugc noopener', 'https://example.com/a'],
    ]);
  });
});
