import { Link } from 'wouter'
import { useI18n } from '../i18n/context.ts'
import { LanguageSwitch } from './LanguageSwitch.tsx'

export const AppHeader = () => {
  const { t } = useI18n()
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <div className="app-header-inner">
        <Link href="/" className="brand">
          <span className="brand-name">{t.appName}</span>
          <span className="brand-tagline">{t.tagline}</span>
        </Link>
        <LanguageSwitch />
      </div>
    </header>
  )
}
