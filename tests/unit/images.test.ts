import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitImages, pickCopy } from '@/lib/content/emit-images';
import { readImageDimensions } from '@/lib/content/image-size';
import { coverCopy, imagesOf, MAX_IMAGE_BYTES, readContentImage } from '@/lib/content/images';
import { readContent } from '@/lib/content/load';
import { renderBody } from '@/lib/content/localize';

const picture = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#c84' } });

describe('reading an image file’s size from its first bytes', () => {
  it('reads PNG, JPEG, GIF and WebP (lossy, lossless and extended)', async () => {
    expect(readImageDimensions(await picture(321, 123).png().toBuffer())).toEqual({ format: 'png', width: 321, height: 123 });
    expect(readImageDimensions(await picture(321, 123).jpeg().toBuffer())).toEqual({ format: 'jpeg', width: 321, height: 123 });
    expect(readImageDimensions(await picture(321, 123).gif().toBuffer())).toEqual({ format: 'gif', width: 321, height: 123 });
    expect(readImageDimensions(await picture(321, 123).webp().toBuffer())).toEqual({ format: 'webp', width: 321, height: 123 });
    expect(readImageDimensions(await picture(321, 123).webp({ lossless: true }).toBuffer())).toEqual({ format: 'webp', width: 321, height: 123 });
    const withAlphaAndExif = await sharp({ create: { width: 321, height: 123, channels: 4, background: '#c848' } })
      .webp()
      .withMetadata({ orientation: 1 })
      .toBuffer();
    expect(readImageDimensions(withAlphaAndExif)).toEqual({ format: 'webp', width: 321, height: 123 });
  });

  it('gives a phone photo stored sideways (EXIF orientation 6) the size it is shown at', async () => {
    const sideways = await picture(400, 300).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(readImageDimensions(sideways)).toEqual({ format: 'jpeg', width: 300, height: 400 });
  });

  it('says nothing for other bytes', () => {
    expect(readImageDimensions(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(readImageDimensions(new Uint8Array([0xff, 0xd8, 0xff]))).toBeUndefined();
  });
});

describe('an article image, read and checked', () => {
  let dir: string;
  const article = () => path.join(dir, 'articles', 'a.md');
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'images-'));
    mkdirSync(path.join(dir, 'articles', 'images'), { recursive: true });
    await picture(2000, 1000)
      .jpeg()
      .toFile(path.join(dir, 'articles', 'images', 'wide.jpg'));
    writeFileSync(path.join(dir, 'articles', 'images', 'big.jpg'), Buffer.alloc(MAX_IMAGE_BYTES + 1, 0xff));
    writeFileSync(path.join(dir, 'articles', 'images', 'notes.txt'), 'not an image');
    writeFileSync(path.join(dir, 'secret.png'), await picture(10, 10).png().toBuffer());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has copies at 480, 960 and 1440 px and one at its own size, named by its bytes', () => {
    const result = readContentImage('./images/wide.jpg', article(), dir);
    if (!result.ok) throw new Error(result.message);
    expect(result.image).toMatchObject({ format: 'jpeg', type: 'image/jpeg', width: 2000, height: 1000 });
    expect(result.image.copies.map((c) => [c.width, c.height])).toEqual([
      [480, 240],
      [960, 480],
      [1440, 720],
      [2000, 1000],
    ]);
    for (const c of result.image.copies) expect(c.url).toMatch(/^\/content-images\/[0-9a-f]{20}-\d+w1\.jpg$/);
    expect(coverCopy(result.image)).toMatchObject({ width: 1440, height: 720, type: 'image/jpeg' });
  });

  it.each([
    ['https://example.com/a.png', 'image-remote'],
    ['//cdn.example.com/a.png', 'image-remote'],
    ['data:image/png;base64,AAAA', 'image-remote'],
    ['./images/none.png', 'image-missing'],
    ['/images/wide.jpg', 'image-missing'],
    ['../../secret.png', 'image-missing'],
    ['./images/big.jpg', 'image-too-large'],
    ['./images/notes.txt', 'image-format'],
  ] as const)('refuses %s (%s)', (ref, rule) => {
    expect(readContentImage(ref, article(), path.join(dir, 'articles'))).toMatchObject({ ok: false, rule });
  });
});

describe('images in an article, through the content pipeline', () => {
  let dir: string;
  let publicDir: string;
  const file = () => path.join(dir, 'articles', 'sample.md');
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'article-images-'));
    publicDir = mkdtempSync(path.join(tmpdir(), 'public-'));
    cpSync('tests/fixtures/good-small', dir, { recursive: true });
    mkdirSync(path.join(dir, 'articles', 'images'));
    await picture(1000, 500)
      .jpeg()
      .toFile(path.join(dir, 'articles', 'images', 'first.jpg'));
    await picture(400, 300)
      .png()
      .toFile(path.join(dir, 'articles', 'images', 'second.png'));
    await picture(1200, 630)
      .jpeg()
      .toFile(path.join(dir, 'articles', 'images', 'cover.jpg'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(publicDir, { recursive: true, force: true });
  });

  it('gives each <img> its served URL, srcset, width and height; all but the first are lazy', () => {
    const source = readFileSync('tests/fixtures/good-small/articles/sample.md', 'utf8');
    writeFileSync(
      file(),
      source.replace('summary:', 'cover: ./images/cover.jpg\nsummary:') + '\n![第一张](./images/first.jpg)\n\n![第二张](./images/second.png "标题")\n',
    );
    const { content, problems } = readContent(dir);
    expect(problems).toEqual([]);
    const a = content!.articles[0]!;
    expect(a.images.map((i) => [i.width, i.height])).toEqual([
      [1000, 500],
      [400, 300],
    ]);
    expect(a.cover).toMatchObject({ width: 1200, height: 630 });
    const imgs = toHtml(renderBody(a.body, 'zh-TW')).match(/<img[^>]*>/g);
    const [first, second] = [a.images[0]!, a.images[1]!];
    expect(imgs).toEqual([
      `<img src="${first.copies[2]!.url}" alt="第一張" width="1000" height="500" srcset="${first.copies[0]!.url} 480w, ${first.copies[1]!.url} 960w, ${first.copies[2]!.url} 1000w" sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)" decoding="async" fetchpriority="high">`,
      `<img src="${second.copies[0]!.url}" alt="第二張" title="標題" width="400" height="300" decoding="async" loading="lazy">`,
    ]);
  });

  it('refuses an image outside an article (the privacy policy) at its "!"', () => {
    const privacy = path.join(dir, 'privacy.md');
    const original = readFileSync(privacy, 'utf8');
    try {
      writeFileSync(privacy, `${original}\n前言![图](./articles/images/first.jpg)\n`);
      expect(readContent(dir).problems).toEqual([
        {
          file: path.relative(process.cwd(), privacy),
          line: original.split('\n').length + 1,
          column: 3,
          rule: 'image-syntax',
          message: expect.stringMatching(/articles only/),
        },
      ]);
    } finally {
      writeFileSync(privacy, original);
    }
  });

  it('reports a missing cover at its front matter value', () => {
    const source = readFileSync('tests/fixtures/good-small/articles/sample.md', 'utf8');
    writeFileSync(file(), source.replace('summary:', 'cover: ./images/gone.jpg\nsummary:'));
    expect(readContent(dir).problems).toEqual([
      {
        file: path.relative(process.cwd(), file()),
        line: 8,
        column: 8,
        rule: 'image-missing',
        message: expect.stringMatching(/^cover: image "\.\/images\/gone\.jpg" not found/),
      },
    ]);
  });

  it('writes every copy at its size, without the photo’s metadata, once', async () => {
    const source = readFileSync('tests/fixtures/good-small/articles/sample.md', 'utf8');
    await picture(1000, 500)
      .jpeg()
      .withMetadata({ orientation: 1, exif: { IFD0: { Copyright: 'gps here' } } })
      .toFile(path.join(dir, 'articles', 'images', 'first.jpg'));
    writeFileSync(file(), source + '\n![第一张](./images/first.jpg)\n');
    const images = imagesOf(readContent(dir).content!.articles);
    const report = await emitImages(images, publicDir);
    expect(report).toMatchObject({ images: 1, made: 3 });
    for (const copy of images[0]!.copies) {
      const bytes = readFileSync(path.join(publicDir, copy.url));
      expect(readImageDimensions(bytes)).toMatchObject({ width: copy.width, height: copy.height });
      expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    }
    expect(pickCopy(images[0]!, 375, 2).width).toBe(960);
    expect(report.phoneBytes).toBe(readFileSync(path.join(publicDir, images[0]!.copies[1]!.url)).length);
    expect((await emitImages(images, publicDir)).made).toBe(0);
    expect(readdirSync(path.join(publicDir, 'content-images')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('deletes copies no build used for a week, keeps recent strangers (another build’s) and touches the ones it uses', async () => {
    const source = readFileSync('tests/fixtures/good-small/articles/sample.md', 'utf8');
    await picture(600, 300)
      .png()
      .toFile(path.join(dir, 'articles', 'images', 'kept.png'));
    writeFileSync(file(), source + '\n![留下的](./images/kept.png)\n');
    const images = imagesOf(readContent(dir).content!.articles);
    const folder = path.join(publicDir, 'content-images');
    rmSync(folder, { recursive: true, force: true });
    await emitImages(images, publicDir);
    const ours = readdirSync(folder);
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
    // Ours last used 30 days ago (still used: kept), an old copy nobody uses, another build's from yesterday.
    for (const name of ours) utimesSync(path.join(folder, name), daysAgo(30), daysAgo(30));
    writeFileSync(path.join(folder, 'aaaaaaaaaaaaaaaaaaaa-480w1.jpg'), 'old');
    utimesSync(path.join(folder, 'aaaaaaaaaaaaaaaaaaaa-480w1.jpg'), daysAgo(8), daysAgo(8));
    writeFileSync(path.join(folder, 'bbbbbbbbbbbbbbbbbbbb-480w1.jpg'), 'fixture build');
    utimesSync(path.join(folder, 'bbbbbbbbbbbbbbbbbbbb-480w1.jpg'), daysAgo(1), daysAgo(1));

    const report = await emitImages(images, publicDir);
    expect(report).toMatchObject({ made: 0, pruned: 1 });
    expect(readdirSync(folder).sort()).toEqual([...ours, 'bbbbbbbbbbbbbbbbbbbb-480w1.jpg'].sort());
    for (const name of ours) expect(Date.now() - statSync(path.join(folder, name)).mtimeMs).toBeLessThan(60_000);
  });

  it('serves a GIF as it is, in one copy (resizing would drop its animation), and a sideways photo upright', async () => {
    const source = readFileSync('tests/fixtures/good-small/articles/sample.md', 'utf8');
    await picture(600, 300)
      .gif()
      .toFile(path.join(dir, 'articles', 'images', 'moving.gif'));
    await picture(1200, 600)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toFile(path.join(dir, 'articles', 'images', 'sideways.jpg'));
    writeFileSync(file(), source + '\n![动图](./images/moving.gif)\n\n![竖着拍的照片](./images/sideways.jpg)\n');
    const [gif, photo] = imagesOf(readContent(dir).content!.articles);
    await emitImages([gif!, photo!], publicDir);
    expect(gif!.copies).toHaveLength(1);
    expect(readFileSync(path.join(publicDir, gif!.copies[0]!.url))).toEqual(readFileSync(path.join(dir, 'articles', 'images', 'moving.gif')));
    expect([photo!.width, photo!.height]).toEqual([600, 1200]);
    for (const copy of photo!.copies) {
      const bytes = readFileSync(path.join(publicDir, copy.url));
      expect(readImageDimensions(bytes)).toEqual({ format: 'jpeg', width: copy.width, height: copy.height });
      expect(copy.height).toBe(copy.width * 2);
    }
  });
});

describe('the sanitiser lets an image through only as the checker made it', () => {
  it('drops a remote src, event handlers and any attribute the pipeline does not set', () => {
    const html = toHtml(
      renderBody(
        {
          type: 'root',
          children: [
            {
              type: 'paragraph',
              children: [
                {
                  type: 'image',
                  url: 'https://evil.example/x.png',
                  alt: '图',
                  data: { hProperties: { onError: 'alert(1)', style: 'x', loading: 'eager', srcSet: 'https://evil.example/y.png 2x', width: 10 } },
                },
              ],
            },
          ],
        },
        'zh-CN',
      ),
    );
    expect(html).toBe('<p><img alt="图" width="10"></p>');
  });
});
