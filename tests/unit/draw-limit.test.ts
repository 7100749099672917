import { describe, expect, it } from 'vitest';
import { MAX_WAITING, drawOnce } from '@/lib/share/draw-limit';

const bytes = (n: number) => new Uint8Array([n]).buffer;

describe('drawOnce (personal share images)', () => {
  it('draws one at a time, keeps what it drew, and refuses beyond the queue instead of piling up', async () => {
    let running = 0;
    let most = 0;
    let draws = 0;
    const slowDraw = (n: number) => async () => {
      draws++;
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
      return bytes(n);
    };
    const results = await Promise.all(Array.from({ length: MAX_WAITING + 4 }, (_, i) => drawOnce(`limit-${i}`, slowDraw(i))));
    expect(most).toBe(1);
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_WAITING + 1);
    expect(results.filter((r) => !r.ok && r.reason === 'busy')).toHaveLength(3);
    // A repeat is served from what was kept: no new draw.
    const before = draws;
    const again = await drawOnce('limit-0', slowDraw(99));
    expect(again.ok && new Uint8Array(again.body)[0]).toBe(0);
    expect(draws).toBe(before);
  });

  it('frees its slot when a draw fails or finds nothing', async () => {
    await expect(drawOnce('fail', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await drawOnce('none', async () => undefined)).toEqual({ ok: false, reason: 'missing' });
    expect((await drawOnce('after', async () => bytes(7))).ok).toBe(true);
  });
});
