import { useId, useState } from 'react'
import { useI18n } from '../i18n/context.ts'
import { useWorkshopText } from '../i18n/workshopMessages.ts'
import { type Identity, isDefaultName, PALETTE } from '../sync/identity.ts'

export interface IdentityFieldProps {
  readonly identity: Identity
  readonly onRename: (name: string) => void
  readonly onRecolor: (color: string) => void
}

/**
 * The name and colour other editors see next to this person's caret (remembered on the device). A
 * newcomer gets a default name and a colour at once, so presence works before anyone types; while
 * the name is the default one, the field says in words that it is waiting for theirs.
 */
export const IdentityField = ({ identity, onRename, onRecolor }: IdentityFieldProps) => {
  const { t } = useI18n()
  const w = useWorkshopText()
  const id = useId()
  const hintId = useId()
  const colourName = useId()
  const [draft, setDraft] = useState(identity.name)
  const unset = isDefaultName(identity.name)
  return (
    <div className={unset ? 'identity identity-unset' : 'identity'}>
      <span className="identity-swatch" style={{ backgroundColor: identity.color }} aria-hidden="true" />
      <label htmlFor={id}>{t.yourName}</label>
      <input
        id={id}
        type="text"
        className="text-input"
        maxLength={60}
        aria-describedby={hintId}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value)
          if (e.target.value.trim()) onRename(e.target.value)
        }}
        onBlur={() => setDraft(identity.name)}
      />
      <span id={hintId} className={unset ? 'identity-prompt' : 'visually-hidden'}>
        {unset ? w.pickName : t.yourNameHint}
      </span>
      <fieldset className="colour-picker">
        <legend className="visually-hidden">{w.colour}</legend>
        {PALETTE.map((color, i) => (
          <label key={color} className="colour-option" style={{ backgroundColor: color }}>
            <input
              type="radio"
              name={colourName}
              value={color}
              checked={identity.color === color}
              onChange={() => onRecolor(color)}
            />
            <span className="visually-hidden">{w.colourOption(i + 1)}</span>
          </label>
        ))}
      </fieldset>
    </div>
  )
}
