import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LocaleSwitcher } from '@/components/layout/locale-switcher';
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';

const pathname = vi.fn<() => string | null>();
vi.mock('next/navigation', () => ({ usePathname: () => pathname() }));

const NAMES = { 'zh-CN': zhCN.LocaleSwitcher['zh-CN'], 'zh-TW': zhCN.LocaleSwitcher['zh-TW'], en: zhCN.LocaleSwitcher.en };

beforeEach(() => {
  pathname.mockReset();
});

describe('LocaleSwitcher', () => {
  it.each([
    ['/articles/x', 'zh-CN'],
    ['/zh-TW/articles/x', 'zh-TW'],
    ['/en/articles/x', 'en'],
  ] as const)('on %s: links to the same page in 简体, 繁體 and English', (path, current) => {
    pathname.mockReturnValue(path);
    render(<LocaleSwitcher current={current} label={zhCN.LocaleSwitcher.label} names={NAMES} />);

    const nav = screen.getByRole('navigation', { name: '语言' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['简体', '繁體', 'English']);
    expect(within(nav).getByRole('link', { name: '简体' })).toHaveAttribute('href', '/articles/x');
    expect(within(nav).getByRole('link', { name: '繁體' })).toHaveAttribute('href', '/zh-TW/articles/x');
    expect(within(nav).getByRole('link', { name: 'English' })).toHaveAttribute('href', '/en/articles/x');
  });

  it('marks the current locale with aria-current="true", and only it', () => {
    pathname.mockReturnValue('/zh-TW/articles/x');
    render(<LocaleSwitcher current="zh-TW" label="语言" names={NAMES} />);
    expect(screen.getByRole('link', { name: '繁體' })).toHaveAttribute('aria-current', 'true');
    expect(screen.getByRole('link', { name: '简体' })).not.toHaveAttribute('aria-current');
    expect(screen.getByRole('link', { name: 'English' })).not.toHaveAttribute('aria-current');
  });

  it('labels each link with its own language', () => {
    pathname.mockReturnValue('/articles/x');
    render(<LocaleSwitcher current="zh-CN" label="语言" names={NAMES} />);
    for (const [name, lang] of [
      ['简体', 'zh-CN'],
      ['繁體', 'zh-TW'],
      ['English', 'en'],
    ] as const) {
      const link = screen.getByRole('link', { name });
      expect(link).toHaveAttribute('lang', lang);
      expect(link).toHaveAttribute('hreflang', lang);
    }
  });

  it('is labelled by the label prop (English chrome)', () => {
    pathname.mockReturnValue('/en/articles/x');
    render(<LocaleSwitcher current="en" label={en.LocaleSwitcher.label} names={NAMES} />);
    expect(screen.getByRole('navigation', { name: en.LocaleSwitcher.label })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'English' })).toHaveAttribute('aria-current', 'true');
  });

  it('on the home page of each locale, links to each home page', () => {
    pathname.mockReturnValue('/zh-TW');
    render(<LocaleSwitcher current="zh-TW" label="语言" names={NAMES} />);
    expect(screen.getAllByRole('link').map((l) => l.getAttribute('href'))).toEqual(['/', '/zh-TW', '/en']);
  });

  it('treats a missing pathname as the home page', () => {
    pathname.mockReturnValue(null);
    render(<LocaleSwitcher current="zh-CN" label="语言" names={NAMES} />);
    expect(screen.getAllByRole('link').map((l) => l.getAttribute('href'))).toEqual(['/', '/zh-TW', '/en']);
  });
});
