import type { Block } from '@/lib/content/localize';
import { Markdown } from './markdown';

/** Sanitised blocks from lib/content as React elements (no innerHTML). */
export function Blocks({ blocks }: { blocks: readonly Block[] }) {
  if (blocks.length === 0) return null;
  return <Markdown tree={{ type: 'root', children: [...blocks] }} />;
}
