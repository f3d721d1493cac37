import { useId } from 'react'
import { useI18n } from '../i18n/context.ts'

export interface SearchBoxProps {
  readonly value: string
  readonly onChange: (value: string) => void
}

/** The directory's full-text search field. */
export const SearchBox = ({ value, onChange }: SearchBoxProps) => {
  const { t } = useI18n()
  const id = useId()
  return (
    <search className="search-box">
      <label htmlFor={id}>{t.search}</label>
      <input
        id={id}
        type="search"
        className="text-input"
        value={value}
        placeholder={t.searchPlaceholder}
        onChange={(e) => onChange(e.target.value)}
      />
    </search>
  )
}
