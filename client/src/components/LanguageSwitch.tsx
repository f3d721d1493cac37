import { useI18n } from '../i18n/context.ts'

/** Switches the interface between French and English (fiche content is never translated). */
export const LanguageSwitch = () => {
  const { lang, t, setLang } = useI18n()
  const other = lang === 'fr' ? 'en' : 'fr'
  return (
    <button
      type="button"
      className="button button-quiet"
      lang={other}
      aria-label={t.switchLanguageLabel}
      onClick={() => setLang(other)}
    >
      {t.switchLanguage}
    </button>
  )
}
