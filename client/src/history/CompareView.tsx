/**
 * Two states of a fiche side by side, field by field: rich text and text as a word diff
 * (insertions underlined, deletions struck through), choices and lists as before → after.
 *
 * Colours: insertions take the colour of the newer version's author when it has exactly one;
 * with several authors (or "compare with now" across versions) they are shown in a neutral colour
 * and the authors are listed. Per-word attribution would need the Yjs items of each version,
 * which the history deliberately does not keep (see shared/src/history/versions.ts).
 */
import type { Fiche } from '@kenlabour/shared/fiche'
import { changedFields, diffLinesByWords, plainTextOf } from '@kenlabour/shared/history/compare'
import { fieldKind, fieldLabel, fieldValue, type HistoryField } from '@kenlabour/shared/history/fields'
import { useI18n } from '../i18n/context.ts'
import { useValueText } from './FieldValueView.tsx'
import { historyMessages } from './messages.ts'

export interface CompareViewProps {
  readonly title: string
  readonly before: Fiche
  readonly after: Fiche
  /** Colour of insertions (the single author's), or null for the neutral one. */
  readonly color: string | null
  /** Absent for readers: restoring writes to the fiche. */
  readonly onRestoreField?: (field: HistoryField) => void
}

export const CompareView = ({ title, before, after, color, onRestoreField }: CompareViewProps) => {
  const { lang, label } = useI18n()
  const m = historyMessages[lang]
  const valueText = useValueText()
  const fields = changedFields(before, after)
  const insStyle = color ? { color, textDecorationColor: color, backgroundColor: `${color}1f` } : undefined
  return (
    <section className="history-pane" aria-label={title}>
      <h2>{title}</h2>
      {fields.length === 0 && <p className="muted">{m.noDifference}</p>}
      {fields.map((field) => {
        const kind = fieldKind(field)
        return (
          <section key={field} className="history-field" aria-label={label(fieldLabel(field))}>
            <h3>{label(fieldLabel(field))}</h3>
            {kind === 'choice' || kind === 'list' ? (
              <p className="history-before-after">
                <del>{valueText(field, fieldValue(before, field))}</del> →{' '}
                <ins style={insStyle}>{valueText(field, fieldValue(after, field))}</ins>
              </p>
            ) : (
              <p className="history-diff">
                {diffLinesByWords(
                  plainTextOf(field, fieldValue(before, field)),
                  plainTextOf(field, fieldValue(after, field)),
                ).map((segment, i) =>
                  segment.op === 'added' ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity but their order
                    <ins key={i} style={insStyle} title={m.inserted}>
                      {segment.text}
                    </ins>
                  ) : segment.op === 'removed' ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: as above
                    <del key={i} title={m.deleted}>
                      {segment.text}
                    </del>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: as above
                    <span key={i}>{segment.text}</span>
                  ),
                )}
              </p>
            )}
            {onRestoreField && (
              <button type="button" className="button button-small" onClick={() => onRestoreField(field)}>
                {m.restoreField(label(fieldLabel(field)))}
              </button>
            )}
          </section>
        )
      })}
    </section>
  )
}
