import { SORT_KEYS, type SortKey } from '@kenlabour/shared/catalogQuery'
import { useId } from 'react'
import { useI18n } from '../i18n/context.ts'

export interface SortSelectProps {
  readonly value: SortKey
  readonly onChange: (value: SortKey) => void
}

export const SortSelect = ({ value, onChange }: SortSelectProps) => {
  const { t } = useI18n()
  const id = useId()
  return (
    <div className="sort-select">
      <label htmlFor={id}>{t.sortBy}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as SortKey)}>
        {SORT_KEYS.map((key) => (
          <option key={key} value={key}>
            {t.sorts[key]}
          </option>
        ))}
      </select>
    </div>
  )
}
