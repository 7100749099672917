import type { Block } from '@/lib/content/localize';
import type { ArticleSection } from '@/lib/content/model';
import type { ArticleViewPart } from '@/lib/content/site';
import { Blocks } from './blocks';

/** What comes before the article's first heading. */
function ArticleLead({ blocks }: { blocks: Block[] }) {
  return <Blocks blocks={blocks} />;
}

/** A heading (its id is the section's stable id, the #fragment of links to it), its blocks and its subsections. */
function ArticleSectionView({ section }: { section: ArticleSection<Block> }) {
  return (
    <>
      <Blocks blocks={[section.heading.node]} />
      <Blocks blocks={section.blocks} />
      {section.subsections.map((s) => (
        <ArticleSectionView key={s.heading.id} section={s} />
      ))}
    </>
  );
}

/**
 * The free text of an article: lead and sections, flat inside the page's `.prose`
 * (the HTML outline is the headings'). A `locked` part renders nothing here: the
 * page puts the paid part's slot after the prose.
 */
export function ArticleBody({ parts }: { parts: ArticleViewPart[] }) {
  return parts.map((part, i) => {
    switch (part.kind) {
      case 'lead':
        return <ArticleLead key={`lead-${i}`} blocks={part.blocks} />;
      case 'section':
        return <ArticleSectionView key={part.heading.id} section={part} />;
      case 'locked':
        return null;
    }
  });
}
