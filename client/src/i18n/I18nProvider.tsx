/**
 * The interface language: French by default, English on request, remembered in localStorage and
 * reflected on `<html lang>`.
 */
import type { Label } from '@kenlabour/shared/form'
import type { Lang } from '@kenlabour/shared/vocabularies'
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react'
import { I18nContext, type I18nValue } from './context.ts'
import { DICTIONARIES } from './dictionary.ts'

const STORAGE_KEY = 'kenlabour.lang'

const storedLang = (): Lang => {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr'
  } catch {
    return 'fr'
  }
}

export const I18nProvider = ({ children }: { children: ReactNode }) => {
  const [lang, setLangState] = useState<Lang>(storedLang)

  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])

  const setLang = useCallback((next: Lang) => {
    setLangState(next)
    try {
      localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // Not remembered: the choice lasts for this page.
    }
  }, [])

  const value = useMemo<I18nValue>(
    () => ({ lang, t: DICTIONARIES[lang], label: (l: Label) => l[lang], setLang }),
    [lang, setLang],
  )
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}
