/**
 * Drawing a personal share image costs tens to hundreds of milliseconds of CPU
 * (a poster is a 750×1334 PNG). GETs are not rate-limited and sign-up is free, so
 * without a bound one script could keep every core drawing. Two bounds, per
 * process: finished images are kept (a reader's poster is the same bytes until the
 * build changes, so repeats cost nothing), and at most `MAX_DRAWING` draws run at
 * once with at most `MAX_WAITING` queued; beyond that the caller answers 503.
 */
export const MAX_DRAWING = 1;
export const MAX_WAITING = 8;
const MAX_KEPT = 200; // a poster is ~70 KB: at most ~14 MB

const kept = new Map<string, ArrayBuffer>();
let drawing = 0;
const waiting: Array<() => void> = [];

export type Drawn = { ok: true; body: ArrayBuffer } | { ok: false; reason: 'busy' | 'missing' };

export async function drawOnce(key: string, draw: () => Promise<ArrayBuffer | undefined>): Promise<Drawn> {
  const hit = kept.get(key);
  if (hit) {
    // Most recently used last, so the oldest is dropped first.
    kept.delete(key);
    kept.set(key, hit);
    return { ok: true, body: hit };
  }
  if (drawing >= MAX_DRAWING) {
    if (waiting.length >= MAX_WAITING) return { ok: false, reason: 'busy' };
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    drawing++;
  }
  try {
    const again = kept.get(key); // drawn while this one waited
    if (again) return { ok: true, body: again };
    const body = await draw();
    if (!body) return { ok: false, reason: 'missing' };
    kept.set(key, body);
    if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
    return { ok: true, body };
  } finally {
    // Hand the slot to the next waiter, or free it.
    const next = waiting.shift();
    if (next) next();
    else drawing--;
  }
}
