import { useEffect } from 'react'
import { Link } from 'wouter'
import { useI18n } from '../i18n/context.ts'

export const NotFoundPage = () => {
  const { t } = useI18n()
  useEffect(() => {
    document.title = `${t.pageNotFound} — ${t.appName}`
  }, [t])
  return (
    <div className="page">
      <h1>{t.pageNotFound}</h1>
      <p>{t.pageNotFoundText}</p>
      <p>
        <Link href="/">{t.backToDirectory}</Link>
      </p>
    </div>
  )
}
