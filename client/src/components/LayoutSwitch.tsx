import { LAYOUT_KEYS, type LayoutKey } from '@kenlabour/shared/catalogQuery'
import { useId } from 'react'
import { useI18n } from '../i18n/context.ts'

export interface LayoutSwitchProps {
  readonly value: LayoutKey
  readonly onChange: (value: LayoutKey) => void
}

/** Cards or compact list: two radio buttons, so the choice is announced and keyboard-operable. */
export const LayoutSwitch = ({ value, onChange }: LayoutSwitchProps) => {
  const { t } = useI18n()
  const name = useId()
  return (
    <fieldset className="layout-switch">
      <legend className="visually-hidden">{t.directory.layout}</legend>
      {LAYOUT_KEYS.map((key) => (
        <label key={key} className={value === key ? 'layout-option selected' : 'layout-option'}>
          <input
            type="radio"
            name={name}
            value={key}
            checked={value === key}
            onChange={() => onChange(key)}
          />
          {key === 'cards' ? t.directory.cards : t.directory.list}
        </label>
      ))}
    </fieldset>
  )
}
