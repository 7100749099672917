import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OG_SIZE, POSTER_QR_WIDTH, POSTER_SIZE } from '@/components/share/share-image-sizes';
import { renderOgImage, renderPoster } from '@/components/share/share-images';
import { qrPng } from '@/lib/qr';
import { fontsFor } from '@/lib/share/font';

const png = async (res: Response) => PNG.sync.read(Buffer.from(await res.arrayBuffer()));
const decode = (img: PNG) => jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data;
const TEXT = { author: '林先生', siteName: '鸟哥笔记', lang: 'zh-CN' };

/** Dark pixels of a region (the title's row of glyphs). */
function ink(img: PNG, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (img.data[(y * img.width + x) * 4]! < 128) n++;
  return n;
}

afterEach(() => vi.restoreAllMocks());

describe('share images', () => {
  it('the Open Graph card is a 1200×630 PNG', async () => {
    const img = await png(renderOgImage({ ...TEXT, title: '电商是怎么运营的（做电商的都应该看看）' }));
    expect([img.width, img.height]).toEqual([OG_SIZE.width, OG_SIZE.height]);
  }, 60_000);

  it('draws Chinese as glyphs from the shipped font, never as boxes, and asks no network for fonts', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const a = await png(renderOgImage({ ...TEXT, title: '电商' }));
    const b = await png(renderOgImage({ ...TEXT, title: '运营' }));
    expect(fetchSpy).not.toHaveBeenCalled();
    // (next/og asks Google Fonts for a glyph no font has; here that fails, as it would offline.)
    fetchSpy.mockRejectedValue(new Error('offline'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // Undefined glyphs (U+E000, private use) are drawn as the same tofu box whatever the character.
    const c = await png(renderOgImage({ ...TEXT, title: '\uE000\uE001' }));
    const d = await png(renderOgImage({ ...TEXT, title: '\uE002\uE003' }));
    const row = [80, 250, 400, 420] as const; // where the title's two characters stand
    expect(ink(a, ...row)).toBeGreaterThan(500);
    // Two different characters give two different images; tofu gives the same one twice.
    expect(Buffer.compare(a.data, b.data)).not.toBe(0);
    expect(Buffer.compare(c.data, d.data)).toBe(0);
    expect(Buffer.compare(a.data, c.data)).not.toBe(0);
  }, 60_000);

  it('the font slices cover every character of the shipped article, Simplified and Traditional', () => {
    const { fonts } = fontsFor('电商是怎么运营的（做电商的都应该看看）電商是怎麼運營的（做電商的都應該看看）');
    expect(fonts.length).toBeGreaterThan(2);
    expect(fonts.length).toBeLessThan(40);
  });

  it('the poster is a tall 750×1334 PNG whose QR code decodes to the URL it was given', async () => {
    const url = 'http://127.0.0.1:3000/articles/how-ecommerce-operations-work?ref=abcdefghij';
    const img = await png(
      renderPoster({
        ...TEXT,
        title: '电商是怎么运营的',
        summary: '电商运营是什么？这篇文章讲清楚。',
        scan: '长按识别二维码，阅读全文',
        qr: await qrPng(url, POSTER_QR_WIDTH),
      }),
    );
    expect([img.width, img.height]).toEqual([POSTER_SIZE.width, POSTER_SIZE.height]);
    expect(decode(img)).toBe(url);
  }, 60_000);

  it('the panel QR code is a PNG holding the URL', async () => {
    const img = PNG.sync.read(await qrPng('http://127.0.0.1:3000/zh-TW/articles/x'));
    expect(img.width).toBe(288);
    expect(decode(img)).toBe('http://127.0.0.1:3000/zh-TW/articles/x');
  });
});
