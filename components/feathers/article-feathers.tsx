import { getTranslations } from 'next-intl/server';
import { getQuiz, listGifts } from '@/lib/content/site';
import { QUIZ_REWARD } from '@/lib/feathers/amounts';
import { Link } from '@/lib/i18n/navigation';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { GiftList } from './gift-list';
import { PaidPartLoader } from './paid-part-loader';
import { QuizCard } from './quiz-card';
import { ShareVisitBeacon } from './share-visit-beacon';

/** The article's reading quiz, if it has one, and the share-link beacon. */
export async function ArticleQuiz({ locale, slug }: { locale: Locale; slug: string }) {
  const quiz = getQuiz(locale, slug);
  const t = await getTranslations({ locale, namespace: 'Quiz' });
  const reader = await getTranslations({ locale, namespace: 'Reader' });
  return (
    <>
      <ShareVisitBeacon slug={slug} />
      {quiz && (
        <QuizCard
          slug={slug}
          locale={locale}
          next={`${localizedPath(locale, `/articles/${slug}`)}#quiz`}
          question={quiz.question}
          options={quiz.options}
          lang={quiz.lang}
          labels={{
            title: t('title'),
            hint: t('hint', { amount: QUIZ_REWARD }),
            submit: t('submit'),
            done: t('done'),
            answeredRight: t('answeredRight'),
            answeredWrong: t('answeredWrong'),
            rightOption: t('rightOption'),
            yourChoice: t('yourChoice'),
            readSection: t('readSection'),
            toast: t.raw('toast') as string,
            failed: reader('failed'),
          }}
        />
      )}
    </>
  );
}

/** 羽毛精选 beside the article: the gifts, and the line pointing to the mall. */
export async function GiftAside({ locale, slug }: { locale: Locale; slug: string }) {
  const t = await getTranslations({ locale, namespace: 'Mall' });
  const feathers = await getTranslations({ locale, namespace: 'Feathers' });
  return (
    <aside className="gift-aside" aria-labelledby="gift-aside-title">
      <h2 id="gift-aside-title">{t('asideTitle')}</h2>
      <p>
        <Link href="/mall" prefetch={false}>
          {feathers('mallLine')}
        </Link>
      </p>
      <GiftList locale={locale} gifts={listGifts(locale)} next={`${localizedPath(locale, `/articles/${slug}`)}#gift-aside-title`} />
    </aside>
  );
}

/** Where a paid article continues: 购买, or the paid part once this reader has unlocked it. */
export async function PaidPartSlot({ locale, slug, price, title, lang }: { locale: Locale; slug: string; price: number; title: string; lang: string }) {
  const t = await getTranslations({ locale, namespace: 'Paid' });
  const mall = await getTranslations({ locale, namespace: 'Mall' });
  const reader = await getTranslations({ locale, namespace: 'Reader' });
  const next = localizedPath(locale, `/articles/${slug}`);
  return (
    <PaidPartLoader
      slug={slug}
      locale={locale}
      next={next}
      lang={lang}
      signInHref={`${localizedPath(locale, '/sign-in')}?next=${encodeURIComponent(next)}`}
      labels={{
        locked: t('locked'),
        retry: t('retry'),
        buy: t('buy'),
        confirm: t('confirm', { price, title }),
        cancel: t('cancel'),
        confirmButton: t('confirmButton'),
        short: mall('short'),
        shortBody: mall('shortBody', { price }),
        shortBalance: mall.raw('shortBalance') as string,
        earnLink: mall('earnLink'),
        earnHref: `${localizedPath(locale, '/mall')}#mall-earn`,
        ok: mall('ok'),
        failed: reader('failed'),
        signIn: t('signIn'),
      }}
    />
  );
}
