/** One entry of a feed, already localised. */
export type FeedItem = {
  title: string;
  url: string;
  summary: string;
  publishedAt: string;
  /** The article's last revision, when recorded: the feed's lastBuildDate is the latest of these and the publication times. */
  updatedAt?: string;
  author: string;
  categories: string[];
};
export type FeedChannel = { title: string; description: string; siteUrl: string; feedUrl: string; language: string; items: FeedItem[] };

const escapeXml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

/** Builds an RSS 2.0 document for a list of articles. */
export function buildRss(channel: FeedChannel): string {
  const items = channel.items
    .map(
      (i) => `    <item>
      <title>${escapeXml(i.title)}</title>
      <link>${escapeXml(i.url)}</link>
      <guid isPermaLink="true">${escapeXml(i.url)}</guid>
      <description>${escapeXml(i.summary)}</description>
      <pubDate>${new Date(i.publishedAt).toUTCString()}</pubDate>
      <dc:creator>${escapeXml(i.author)}</dc:creator>
${i.categories.map((c) => `      <category>${escapeXml(c)}</category>`).join('\n')}
    </item>`,
    )
    .join('\n');
  // The feed changed last when its newest article appeared or any article was revised.
  const times = channel.items.map((i) => Date.parse(i.updatedAt ?? i.publishedAt));
  const updated = times.length > 0 ? Math.max(...times) : undefined;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${escapeXml(channel.title)}</title>
    <link>${escapeXml(channel.siteUrl)}</link>
    <description>${escapeXml(channel.description)}</description>
    <language>${escapeXml(channel.language)}</language>
    <atom:link href="${escapeXml(channel.feedUrl)}" rel="self" type="application/rss+xml"/>
${updated ? `    <lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>\n` : ''}${items}
  </channel>
</rss>
`;
}
