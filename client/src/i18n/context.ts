import type { Label } from '@kenlabour/shared/form'
import type { Lang } from '@kenlabour/shared/vocabularies'
import { createContext, useContext } from 'react'
import { DICTIONARIES, type Messages } from './dictionary.ts'

export interface I18nValue {
  readonly lang: Lang
  /** The interface strings of the current language. */
  readonly t: Messages
  /** A form label (`@kenlabour/shared/form`) in the current language. */
  readonly label: (label: Label) => string
  readonly setLang: (lang: Lang) => void
}

export const I18nContext = createContext<I18nValue>({
  lang: 'fr',
  t: DICTIONARIES.fr,
  label: (l) => l.fr,
  setLang: () => {},
})

export const useI18n = (): I18nValue => useContext(I18nContext)
