import type { Root as HastRoot } from 'hast';

/** Every text value of a rendered (hast) tree, in order. */
export function hastText(tree: HastRoot): string {
  let out = '';
  const walk = (n: { type: string; value?: string; children?: unknown[] }) => {
    if (n.type === 'text' && typeof n.value === 'string') out += n.value;
    for (const c of (n.children ?? []) as Array<typeof n>) walk(c);
  };
  walk(tree);
  return out;
}
