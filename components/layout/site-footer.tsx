import { getTranslations } from 'next-intl/server';
import { getBeian } from '@/lib/content/site';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { BeianLines } from './beian-lines';

/** Copyright note, the feed link, the privacy policy and user agreement and, when content/site.md gives them, the 备案 numbers. */
export async function SiteFooter({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'Layout' });
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t('footerNote')}</p>
        <p>
          <a href={localizedPath(locale, '/feed.xml')}>{t('feed')}</a> · <a href={localizedPath(locale, '/privacy')}>{t('privacy')}</a> ·{' '}
          <a href={localizedPath(locale, '/terms')}>{t('terms')}</a> · <a href={localizedPath(locale, '/feedback')}>{t('feedback')}</a>
        </p>
        <BeianLines beian={getBeian()} policeText={(region, code) => t('policeBeian', { region, code })} />
      </div>
    </footer>
  );
}
