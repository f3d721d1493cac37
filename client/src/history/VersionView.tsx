import type { Fiche } from '@kenlabour/shared/fiche'
import { fieldLabel, fieldValue, HISTORY_FIELDS, type HistoryField } from '@kenlabour/shared/history/fields'
import { useI18n } from '../i18n/context.ts'
import { FieldValueView } from './FieldValueView.tsx'
import { historyMessages } from './messages.ts'

export interface VersionViewProps {
  readonly title: string
  readonly fiche: Fiche
  readonly missing: readonly HistoryField[]
  /** Absent for readers: restoring writes to the fiche. */
  readonly onRestoreField?: (field: HistoryField) => void
}

/** Every field of a version as it was, read-only, each with its own restore button. */
export const VersionView = ({ title, fiche, missing, onRestoreField }: VersionViewProps) => {
  const { lang, label } = useI18n()
  const m = historyMessages[lang]
  return (
    <section className="history-pane" aria-label={title}>
      <h2 tabIndex={-1}>{title}</h2>
      {HISTORY_FIELDS.map((field) => (
        <section key={field} className="history-field" aria-label={label(fieldLabel(field))}>
          <h3>{label(fieldLabel(field))}</h3>
          {missing.includes(field) ? (
            <p className="muted">{m.missingField}</p>
          ) : (
            <>
              <FieldValueView field={field} value={fieldValue(fiche, field)} />
              {onRestoreField && (
                <button type="button" className="button button-small" onClick={() => onRestoreField(field)}>
                  {m.restoreField(label(fieldLabel(field)))}
                </button>
              )}
            </>
          )}
        </section>
      ))}
    </section>
  )
}
