'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useReaderState } from '@/components/reader/reader-state';
import { withReferral } from '@/lib/feathers/referral-code';
import { useInWeChat, useWeChatShareAddress } from './in-wechat';

export type ShareLabels = {
  copy: string;
  copied: string;
  copyFallback: string;
  link: string;
  nativeShare: string;
  wechatHint: string;
};

type Props = { url: string; title: string; labels: ShareLabels };

/** The browser's capabilities do not change while the page is open: nothing to subscribe to. */
const neverChanges = () => () => {};

/**
 * 复制链接 with the Clipboard API, falling back to a selected text field where it is
 * missing (WeChat's in-app browser), a native share button where the Web Share API
 * exists, and a hint inside WeChat. Capabilities are read on hydration (the server
 * snapshot says neither), so the server HTML is the same for every reader.
 */
export function ShareActions({ url: canonical, title, labels }: Props) {
  // A signed-in reader shares a link carrying their referral code (the feathers
  // rewards pay on it), and inside WeChat the address bar carries it too; the page's
  // canonical URL never does.
  const reader = useReaderState();
  const code = reader.status === 'ready' ? reader.data.account?.referralCode : undefined;
  const url = code ? withReferral(canonical, code) : canonical;
  const canShare = useSyncExternalStore(
    neverChanges,
    () => typeof navigator.share === 'function',
    () => false,
  );
  const inWeChat = useInWeChat();
  useWeChatShareAddress(code);
  const [status, setStatus] = useState<'idle' | 'copied' | 'manual'>('idle');
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (status === 'manual') field.current?.select();
  }, [status]);

  const copy = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setStatus('copied');
    } catch {
      setStatus('manual');
    }
  };

  return (
    <div className="share-actions">
      {inWeChat && <p className="share-hint">{labels.wechatHint}</p>}
      <div className="share-buttons">
        <button type="button" className="button" onClick={copy}>
          {labels.copy}
        </button>
        {canShare && (
          <button type="button" className="button button-secondary" onClick={() => navigator.share({ title, url }).catch(() => {})}>
            {labels.nativeShare}
          </button>
        )}
      </div>
      {status === 'manual' && (
        <label className="share-field">
          <span>{labels.copyFallback}</span>
          <input ref={field} type="url" readOnly value={url} aria-label={labels.link} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
      <p className="share-status" role="status" aria-live="polite">
        {status === 'copied' ? labels.copied : ''}
      </p>
    </div>
  );
}
