import type { Lang } from '@kenlabour/shared/vocabularies'

const formats = new Map<string, Intl.DateTimeFormat>()

/** A date (and time) in the interface language; formatters are built once (10,000 list rows). */
export const formatDate = (time: number, lang: Lang, withTime = true): string => {
  const key = `${lang}:${withTime}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'medium',
      ...(withTime ? { timeStyle: 'short' } : {}),
    })
    formats.set(key, format)
  }
  return format.format(time)
}
