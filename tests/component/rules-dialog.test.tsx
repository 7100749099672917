import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RulesDialog } from '@/components/rules/rules-dialog';

const back = vi.fn();
let pathname = '/rules';
vi.mock('next/navigation', () => ({ useRouter: () => ({ back }), usePathname: () => pathname }));

beforeEach(() => {
  back.mockClear();
  pathname = '/rules';
});

function Dialog() {
  return (
    <RulesDialog title="社区公约" closeLabel="我知道了" lang="zh-CN">
      <p>我们致力于提供一个高质量内容的交流平台。</p>
      <p>
        可以通过<a href="/feedback">建议反馈</a>功能向本网站进行反馈。
      </p>
    </RulesDialog>
  );
}

/** The page around the modal: focusable things before and after it, where focus must not go. */
function Page() {
  return (
    <>
      <a href="/">首页</a>
      <Dialog />
      <button type="button">页面上的按钮</button>
    </>
  );
}

describe('RulesDialog (jsdom has no showModal: the open attribute fallback)', () => {
  it('is shown as a dialog named by its title, with the rules in its language', () => {
    render(<Dialog />);
    const dialog = screen.getByRole('dialog', { name: '社区公约' });
    expect(dialog).toBeVisible();
    expect(dialog).toHaveAttribute('open');
    expect(screen.getByRole('heading', { level: 2, name: '社区公约' })).toBeInTheDocument();
    expect(screen.getByText('我们致力于提供一个高质量内容的交流平台。').closest('[lang]')).toHaveAttribute('lang', 'zh-CN');
  });

  it('moves focus inside when it opens', () => {
    render(<Page />);
    const dialog = screen.getByRole('dialog', { name: '社区公约' });
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    expect(document.activeElement).not.toBe(document.body);
  });

  it('Tab from the last focusable wraps to the first; Shift+Tab from the first wraps to the last', async () => {
    const user = userEvent.setup();
    render(<Page />);
    const dialog = screen.getByRole('dialog', { name: '社区公约' });
    const close = screen.getByRole('button', { name: '我知道了' });
    expect(dialog).toContainElement(close);
    const first = document.activeElement as HTMLElement; // the scrollable rules body

    close.focus();
    await user.tab();
    expect(first).toHaveFocus();

    await user.tab({ shift: true });
    expect(close).toHaveFocus();

    // Forwards through everything: body → link → button → body…
    await user.tab();
    expect(first).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('link', { name: '建议反馈' })).toHaveFocus();
    await user.tab();
    expect(close).toHaveFocus();
  });

  it('focus never leaves the dialog, whichever way and however often one tabs', async () => {
    const user = userEvent.setup();
    render(<Page />);
    const dialog = screen.getByRole('dialog', { name: '社区公约' });
    for (const shift of [false, true]) {
      for (let i = 0; i < 7; i++) {
        await user.tab({ shift });
        expect(dialog).toContainElement(document.activeElement as HTMLElement);
      }
    }
    expect(screen.getByRole('link', { name: '首页' })).not.toHaveFocus();
    expect(screen.getByRole('button', { name: '页面上的按钮' })).not.toHaveFocus();
  });

  it('Escape goes back in history once', async () => {
    const user = userEvent.setup();
    render(<Page />);
    await user.keyboard('{Escape}');
    expect(back).toHaveBeenCalledTimes(1);
  });

  it('the native cancel event (Escape on a modal) also goes back, without closing it itself', () => {
    render(<Dialog />);
    const dialog = screen.getByRole('dialog', { name: '社区公约' });
    const cancel = new Event('cancel', { cancelable: true });
    fireEvent(dialog, cancel);
    expect(cancel.defaultPrevented).toBe(true);
    expect(back).toHaveBeenCalledTimes(1);
  });

  it('the 我知道了 button goes back', async () => {
    const user = userEvent.setup();
    render(<Dialog />);
    await user.click(screen.getByRole('button', { name: '我知道了' }));
    expect(back).toHaveBeenCalledTimes(1);
  });

  it('gives focus back to what had it before it opened, once unmounted', () => {
    render(<button type="button">社区公约</button>);
    const opener = screen.getByRole('button', { name: '社区公约' });
    opener.focus();
    expect(opener).toHaveFocus();

    const dialog = render(<Dialog />);
    expect(opener).not.toHaveFocus();
    dialog.unmount();
    expect(opener).toHaveFocus();
  });
});

describe('RulesDialog and the URL', () => {
  it.each(['/rules', '/zh-TW/rules', '/en/rules'])('is shown on %s', (path) => {
    pathname = path;
    render(<Dialog />);
    expect(screen.getByRole('dialog', { name: '社区公约' })).toBeVisible();
  });

  it('is not left behind once the URL is no longer the rules page', () => {
    pathname = '/articles/how-ecommerce-operations-work';
    render(<Dialog />);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('navigating away and back to /rules (the same mounted modal slot) shows it open again, focus inside', () => {
    const view = render(<Dialog />);
    expect(screen.getByRole('dialog', { name: '社区公约' })).toBeVisible();

    pathname = '/articles/how-ecommerce-operations-work';
    view.rerender(<Dialog />);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    pathname = '/rules';
    view.rerender(<Dialog />);
    const dialog = screen.getByRole('dialog', { name: '社区公约' });
    expect(dialog).toHaveAttribute('open');
    expect(dialog).toBeVisible();
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
  });
});

describe('RulesDialog with a native modal dialog (showModal available)', () => {
  const proto = HTMLDialogElement.prototype as { showModal?: () => void; close?: () => void };
  let showModal: ReturnType<typeof vi.fn>;
  let close: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    showModal = vi.fn(function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    });
    close = vi.fn(function (this: HTMLDialogElement) {
      this.removeAttribute('open');
    });
    proto.showModal = showModal as unknown as () => void;
    proto.close = close as unknown as () => void;
  });

  afterEach(() => {
    delete proto.showModal;
    delete proto.close;
  });

  it('opens with showModal and closes the modal when unmounted, restoring focus', () => {
    render(<button type="button">打开</button>);
    const opener = screen.getByRole('button', { name: '打开' });
    opener.focus();

    const view = render(<Dialog />);
    expect(showModal).toHaveBeenCalledTimes(1);
    const dialog = screen.getByRole('dialog', { name: '社区公约' });
    expect(dialog).toContainElement(document.activeElement as HTMLElement);

    act(() => view.unmount());
    expect(close).toHaveBeenCalledTimes(1);
    expect(opener).toHaveFocus();
  });
});
