import { getTranslations } from 'next-intl/server';
import { getBeian } from '@/lib/content/site';
import { Link } from '@/lib/i18n/navigation';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { BeianLines } from './beian-lines';
import { LocaleSwitcher } from './locale-switcher';

/**
 * 社区公约, the language switch, the feed, the privacy policy and user agreement, the
 * copyright note and, when content/site.md gives them, the 备案 numbers.
 */
export async function SiteFooter({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'Layout' });
  const names = await getTranslations({ locale, namespace: 'LocaleSwitcher' });
  return (
    <footer className="site-footer">
      <div className="container">
        <nav aria-label={t('footerNav')}>
          <ul className="footer-links">
            <li>
              {/* A client link, so the rules open in the modal over the page (the intercepting route). */}
              <Link href="/rules">{t('rules')}</Link>
            </li>
            <li>
              <a href={localizedPath(locale, '/feed.xml')}>{t('feed')}</a>
            </li>
            <li>
              <a href={localizedPath(locale, '/privacy')}>{t('privacy')}</a>
            </li>
            <li>
              <a href={localizedPath(locale, '/terms')}>{t('terms')}</a>
            </li>
            <li>
              <a href={localizedPath(locale, '/feedback')}>{t('feedback')}</a>
            </li>
          </ul>
        </nav>
        <LocaleSwitcher current={locale} label={names('label')} names={{ 'zh-CN': names('zh-CN'), 'zh-TW': names('zh-TW'), en: names('en') }} />
        <p>{t('footerNote')}</p>
        <BeianLines beian={getBeian()} policeText={(region, code) => t('policeBeian', { region, code })} />
      </div>
    </footer>
  );
}
