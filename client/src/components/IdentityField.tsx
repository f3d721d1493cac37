import { useId, useState } from 'react'
import { useI18n } from '../i18n/context.ts'
import type { Identity } from '../sync/identity.ts'

export interface IdentityFieldProps {
  readonly identity: Identity
  readonly onRename: (name: string) => void
}

/** The name other editors see next to this person's caret. */
export const IdentityField = ({ identity, onRename }: IdentityFieldProps) => {
  const { t } = useI18n()
  const id = useId()
  const hintId = useId()
  const [draft, setDraft] = useState(identity.name)
  return (
    <div className="identity">
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
      <span id={hintId} className="visually-hidden">
        {t.yourNameHint}
      </span>
    </div>
  )
}
