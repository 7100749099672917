'use client';

import { useId, useState, type FormEvent } from 'react';
import { postForm, updateReaderState, useReaderState } from '@/components/reader/reader-state';

export type QuizLabels = { title: string; hint: string; submit: string; answeredRight: string; answeredWrong: string; failed: string };

/**
 * 阅读测验: the question and its options come with the page; the right answer stays
 * on the server, which says right or wrong once per reader.
 */
export function QuizCard({
  slug,
  locale,
  next,
  question,
  options,
  lang,
  labels,
}: {
  slug: string;
  locale: string;
  next: string;
  question: string;
  options: string[];
  lang: string;
  labels: QuizLabels;
}) {
  const state = useReaderState();
  const [result, setResult] = useState<{ kind: 'right' | 'wrong' | 'error'; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const titleId = useId();
  const earlier = state.status === 'ready' && state.data.article?.slug === slug ? state.data.article.quiz : null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    const answer = await postForm('quiz', event.currentTarget);
    setPending(false);
    if (answer.ok) {
      setResult({ kind: answer.correct ? 'right' : 'wrong', text: answer.message ?? (answer.correct ? labels.answeredRight : labels.answeredWrong) });
      updateReaderState((d) => ({
        account: d.account && { ...d.account, feathers: answer.balance },
        article: d.article && { ...d.article, quiz: { correct: answer.correct } },
      }));
    } else if (answer.code !== 'sign_in_required') setResult({ kind: 'error', text: answer.message || labels.failed });
  };

  const done = result && result.kind !== 'error' ? true : Boolean(earlier);
  return (
    <section className="quiz" aria-labelledby={titleId}>
      <h2 id={titleId}>{labels.title}</h2>
      <form method="post" action={`/api/articles/${slug}/quiz`} onSubmit={submit}>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="next" value={next} />
        <fieldset disabled={done}>
          <legend lang={lang}>{question}</legend>
          {options.map((option, i) => (
            <label key={option} className="quiz-option" lang={lang}>
              <input type="radio" name="choice" value={i + 1} required /> {option}
            </label>
          ))}
          <p className="hint">{labels.hint}</p>
          <button type="submit" className="button" aria-busy={pending}>
            {labels.submit}
          </button>
        </fieldset>
      </form>
      <p role="status" className={result?.kind === 'right' ? 'quiz-result right' : 'quiz-result'}>
        {result ? result.text : earlier ? (earlier.correct ? labels.answeredRight : labels.answeredWrong) : ''}
      </p>
    </section>
  );
}
