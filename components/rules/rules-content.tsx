import { Markdown } from '@/components/article/markdown';
import type { Root } from 'hast';

/** The body of the community rules, as editors wrote it in content/rules.md. */
export function RulesContent({ body }: { body: Root }) {
  return (
    <div className="prose rules">
      <Markdown tree={body} />
    </div>
  );
}
