import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { slug as SlugSchema } from './schema';

/** What `npm run new:article` did: the file it wrote, or why it refused. */
export type NewArticleResult = { ok: true; file: string } | { ok: false; message: string };

/** A publication time in Beijing time with its offset, as the front matter wants it. */
function beijingNow(now: Date): string {
  const shifted = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${shifted}+08:00`;
}

/**
 * Writes `<contentDir>/articles/<slug>.md` with every front matter field an article
 * needs and `draft: true`, so the checker accepts it and no production build shows it
 * until the editor removes that line. Refuses a slug the checker would refuse or a
 * file that exists.
 */
export function createArticle(contentDir: string, slug: string, now = new Date()): NewArticleResult {
  const parsed = SlugSchema.safeParse(slug);
  if (!parsed.success) return { ok: false, message: `"${slug}" is not a valid slug: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const file = path.join(contentDir, 'articles', `${slug}.md`);
  if (existsSync(file)) return { ok: false, message: `${file} already exists` };
  const authorsDir = path.join(contentDir, 'authors');
  const authors = existsSync(authorsDir) ? readdirSync(authorsDir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort() : [];
  const author = authors[0] ?? 'your-author-id';
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `---
title: 文章标题
slug: ${slug}
publishedAt: "${beijingNow(now)}"
# updatedAt: "${beijingNow(now)}"   # after a real revision; never before publishedAt
draft: true                  # delete this line to publish
author: ${author}
keywords:
  - 电商运营
summary: 一两句话的摘要，不超过一百二十个字。
---

正文第一段。

## 一、小标题

正文。
`,
    { flag: 'wx' },
  );
  return { ok: true, file };
}
