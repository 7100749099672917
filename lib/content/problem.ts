/** One thing wrong with a content file, pointing at the exact place an editor must fix. */
export type ContentProblem = {
  file: string;
  line: number;
  column: number;
  rule: ContentRule;
  message: string;
};

export type ContentRule =
  | 'front-matter'
  | 'unknown-author'
  | 'duplicate-slug'
  | 'spam'
  | 'pinyin'
  | 'traditional'
  | 'ascii-punctuation'
  | 'raw-html'
  | 'paid-marker'
  | 'article-model'
  | 'rules-model'
  | 'unknown-file'
  | 'heading-level'
  | 'internal-link'
  | 'summary'
  | 'keyword-variant'
  | 'updated-at'
  | 'image-remote'
  | 'image-missing'
  | 'image-alt'
  | 'image-too-large'
  | 'image-format'
  | 'image-syntax'
  | 'quiz-section'
  | 'zh-tw-exception';

/** Formats a problem the way compilers do, so editors and terminals can jump to it. */
export function formatProblem(p: ContentProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message} [${p.rule}]`;
}

/** Thrown when the site is built or served from content that fails the check. */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`content check failed:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ContentError';
  }
}
