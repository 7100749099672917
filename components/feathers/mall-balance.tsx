'use client';

import { useReaderState } from '@/components/reader/reader-state';

export type MallBalanceLabels = { balance: string; howToEarn: string; myRedemptions: string; signIn: string };

/**
 * The balance card at the top of 羽毛精选: 「我的羽毛 35」 with where to earn more and
 * 我的兑换. Filled in after load from the reader's state, so the page itself is the
 * same for every reader.
 */
export function MallBalance({
  labels,
  earnHref,
  redemptionsHref,
  signInHref,
}: {
  labels: MallBalanceLabels;
  earnHref: string;
  redemptionsHref: string;
  signInHref: string;
}) {
  const reader = useReaderState();
  const account = reader.status === 'ready' ? reader.data.account : undefined;
  return (
    <section className="balance-card" aria-labelledby="mall-balance">
      <p id="mall-balance" className="balance-figure">
        <span>{labels.balance}</span> <strong>{account ? account.feathers : '–'}</strong>
      </p>
      <p className="balance-links">
        <a href={earnHref}>{labels.howToEarn}</a>
        {account === null ? <a href={signInHref}>{labels.signIn}</a> : <a href={redemptionsHref}>{labels.myRedemptions}</a>}
      </p>
    </section>
  );
}
