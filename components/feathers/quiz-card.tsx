'use client';

import { useEffect, useId, useState, type FormEvent } from 'react';
import { postForm, updateReaderState, useReaderState } from '@/components/reader/reader-state';
import { askToSignIn } from '@/components/reader/sign-in-gate';

export type QuizLabels = {
  title: string;
  hint: string;
  submit: string;
  done: string;
  answeredRight: string;
  answeredWrong: string;
  rightOption: string;
  yourChoice: string;
  readSection: string;
  /** '+{amount} 羽毛': the toast of a right answer. */
  toast: string;
  failed: string;
};

type Outcome = { kind: 'answered'; correct: boolean; text: string; choice: number; answer: number; section: string | null; awarded: number };
type Result = Outcome | { kind: 'error'; text: string };

/**
 * 阅读测验: the question and its options come with the page; the right answer stays
 * on the server, which says right or wrong once per reader and then shows the right
 * option and where the article answers it.
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
  const [result, setResult] = useState<Result | null>(null);
  const [pending, setPending] = useState(false);
  const [toast, setToast] = useState('');
  const titleId = useId();
  const earlier = state.status === 'ready' && state.data.article?.slug === slug ? state.data.article.quiz : null;

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(''), 3000);
    return () => clearTimeout(timer);
  }, [toast]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    // Signed out: sign in over the page; the chosen option stays chosen for the second tap.
    if (askToSignIn({ reason: 'quiz', anchor: 'quiz' })) return;
    setPending(true);
    const answer = await postForm('quiz', event.currentTarget);
    setPending(false);
    if (answer.ok) {
      const text = answer.message ?? (answer.correct ? labels.answeredRight : labels.answeredWrong);
      setResult({
        kind: 'answered',
        correct: answer.correct,
        text,
        choice: answer.choice,
        answer: answer.answer,
        section: answer.section,
        awarded: answer.awarded,
      });
      if (answer.awarded > 0) setToast(labels.toast.replace('{amount}', String(answer.awarded)));
      updateReaderState((d) => ({
        account: d.account && { ...d.account, feathers: answer.balance },
        article: d.article && { ...d.article, quiz: { correct: answer.correct } },
      }));
    } else if (answer.code !== 'sign_in_required') setResult({ kind: 'error', text: answer.message || labels.failed });
  };

  const outcome = result?.kind === 'answered' ? result : null;
  const done = outcome !== null || Boolean(earlier);
  const mark = (i: number) => {
    if (!outcome) return null;
    if (i + 1 === outcome.answer) return { className: 'quiz-option right', note: labels.rightOption };
    if (i + 1 === outcome.choice) return { className: 'quiz-option wrong', note: labels.yourChoice };
    return null;
  };
  return (
    <section className="quiz" id="quiz" aria-labelledby={titleId}>
      <h2 id={titleId}>{labels.title}</h2>
      <form method="post" action={`/api/articles/${slug}/quiz`} onSubmit={submit}>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="next" value={next} />
        <fieldset disabled={done}>
          <legend lang={lang}>{question}</legend>
          {options.map((option, i) => {
            const m = mark(i);
            return (
              <label key={option} className={m?.className ?? 'quiz-option'} lang={lang}>
                <input type="radio" name="choice" value={i + 1} required /> {option}
                {m && <span className="quiz-mark">{m.note}</span>}
              </label>
            );
          })}
          <p className="hint">{labels.hint}</p>
          <button type="submit" className={done ? 'button quiz-done' : 'button'} aria-busy={pending}>
            {done ? labels.done : labels.submit}
          </button>
        </fieldset>
      </form>
      <p role="status" className={outcome?.correct || earlier?.correct ? 'quiz-result right' : 'quiz-result'}>
        {result ? result.text : earlier ? (earlier.correct ? labels.answeredRight : labels.answeredWrong) : ''}
      </p>
      {outcome?.section && (
        <p className="quiz-section-link">
          <a href={`#${outcome.section}`}>{labels.readSection}</a>
        </p>
      )}
      {/* Seen, not read out: the status line above already says +5. */}
      <p className="toast" aria-hidden="true" data-shown={toast ? 'true' : undefined}>
        {toast}
      </p>
    </section>
  );
}
