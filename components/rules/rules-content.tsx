import { Blocks } from '@/components/article/blocks';
import { Markdown } from '@/components/article/markdown';
import type { Block } from '@/lib/content/localize';
import type { RuleCategory, RulesPart, SectionHeading } from '@/lib/content/model';

type Part<K extends RulesPart<Block>['kind']> = Extract<RulesPart<Block>, { kind: K }>;

/** A rules section's heading (with its id) and its blocks: the appeal, or any section an editor adds. */
function HeadedBlocks({ heading, blocks }: { heading: SectionHeading<Block>; blocks: Block[] }) {
  return (
    <>
      <Blocks blocks={[heading.node]} />
      <Blocks blocks={blocks} />
    </>
  );
}

/** One category: its name and description, then its numbered items; `/rules#<id>` points at it. */
function RuleCategoryItem({ category }: { category: RuleCategory<Block> }) {
  const lead = category.lead.tagName === 'p' ? category.lead.children : [category.lead];
  return (
    <li id={category.id}>
      <Markdown tree={{ type: 'root', children: lead }} />
      <ol>
        <Markdown tree={{ type: 'root', children: category.items }} />
      </ol>
    </li>
  );
}

/** 违规内容: the categories a comment can be rejected or a reader banned for. */
function RuleCategories({ part }: { part: Part<'categories'> }) {
  return (
    <>
      <HeadedBlocks heading={part.heading} blocks={part.intro} />
      <ol>
        {part.categories.map((c) => (
          <RuleCategoryItem key={c.id} category={c} />
        ))}
      </ol>
    </>
  );
}

/** 违规处罚 as written; the ban lengths the console offers are read from this text. */
function Penalties({ part }: { part: Part<'penalties'> }) {
  return <HeadedBlocks heading={part.heading} blocks={part.blocks} />;
}

function RulesPartView({ part }: { part: RulesPart<Block> }) {
  switch (part.kind) {
    case 'preamble':
      return <Blocks blocks={part.blocks} />;
    case 'categories':
      return <RuleCategories part={part} />;
    case 'penalties':
      return <Penalties part={part} />;
    case 'appeal':
    case 'section':
      return <HeadedBlocks heading={part.heading} blocks={part.blocks} />;
    case 'closing':
      return <Blocks blocks={[part.block]} />;
  }
}

/** The community rules, as editors wrote them in content/rules.md, part by part. */
export function RulesContent({ parts }: { parts: Array<RulesPart<Block>> }) {
  return (
    <div className="prose rules">
      {parts.map((part, i) => (
        <RulesPartView key={`${part.kind}-${i}`} part={part} />
      ))}
    </div>
  );
}
