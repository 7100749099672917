'use client';

import { useReaderState } from '@/components/reader/reader-state';

/**
 * 「剩余 N 件」 beside the article, whose page is the same for everyone: the number
 * comes with the reader state after load (nothing until then, or without JavaScript).
 */
export function GiftStock({ giftId, stock, soldOut }: { giftId: string; stock: string; soldOut: string }) {
  const state = useReaderState();
  const left = state.status === 'ready' ? state.data.article?.stock[giftId] : undefined;
  if (left === undefined) return null;
  return <span className="gift-stock">{left > 0 ? stock.replace('{n}', String(left)) : soldOut}</span>;
}
