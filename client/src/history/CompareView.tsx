/**
 * Two states of a fiche side by side, field by field: rich text and text as a word diff
 * (insertions underlined, deletions struck through), choices and lists as before → after.
 *
 * Colours: every inserted run takes the colour of the person who inserted its characters and
 * every deleted run the colour of the person who deleted them, so a version (or a stretch of
 * versions, "compare with now") with several authors shows each one's words in their own colour
 * (`@kenlabour/shared/history/attribution`). Runs whose author is unknown (the demo seed, versions
 * recorded before attribution) keep the neutral colours.
 */
import type { Fiche } from '@kenlabour/shared/fiche'
import {
  type Attribution,
  attributedDiff,
  charIds,
  valueAuthors,
} from '@kenlabour/shared/history/attribution'
import { changedFields } from '@kenlabour/shared/history/compare'
import { fieldKind, fieldLabel, fieldValue, type HistoryField } from '@kenlabour/shared/history/fields'
import type { EncodedIds } from '@kenlabour/shared/history/itemIds'
import type { Participant } from '@kenlabour/shared/participants'
import type { CSSProperties, ReactNode } from 'react'
import { useI18n } from '../i18n/context.ts'
import { useValueText } from './FieldValueView.tsx'
import { historyMessages } from './messages.ts'

export type FieldIds = Partial<Record<HistoryField, EncodedIds[]>>

export interface CompareViewProps {
  readonly title: string
  readonly before: Fiche
  readonly after: Fiche
  /** The item ids of each side's fields (who wrote each character); empty when unknown. */
  readonly beforeIds: FieldIds
  readonly afterIds: FieldIds
  readonly who: Attribution
  /** Absent for readers: restoring writes to the fiche. */
  readonly onRestoreField?: (field: HistoryField) => void
}

/** An author's colour on the run (text, underline or strike, light background). */
const styleOf = (author: Participant | null): CSSProperties | undefined =>
  author
    ? { color: author.color, textDecorationColor: author.color, backgroundColor: `${author.color}1f` }
    : undefined

/** An inserted (`<ins>`) or deleted (`<del>`) run of text, in its author's colour. */
const ChangedRun = ({
  kind,
  author,
  title,
  children,
}: {
  kind: 'added' | 'removed'
  author: Participant | null
  title: string
  children: ReactNode
}) => {
  const Tag = kind === 'added' ? 'ins' : 'del'
  return (
    <Tag style={styleOf(author)} title={title} data-author={author?.name}>
      {children}
    </Tag>
  )
}

const single = (people: readonly Participant[]): Participant | null =>
  people.length === 1 ? people[0]! : null

export const CompareView = ({
  title,
  before,
  after,
  beforeIds,
  afterIds,
  who,
  onRestoreField,
}: CompareViewProps) => {
  const { lang, label } = useI18n()
  const m = historyMessages[lang]
  const valueText = useValueText()
  const fields = changedFields(before, after)
  const runTitle = (op: 'added' | 'removed', author: Participant | null) =>
    author
      ? op === 'added'
        ? m.insertedBy(author.name)
        : m.deletedBy(author.name)
      : op === 'added'
        ? m.inserted
        : m.deleted
  return (
    <section className="history-pane" aria-label={title}>
      <h2 tabIndex={-1}>{title}</h2>
      {fields.length === 0 && <p className="muted">{m.noDifference}</p>}
      {fields.map((field) => {
        const kind = fieldKind(field)
        const a = fieldValue(before, field)
        const b = fieldValue(after, field)
        let body: ReactNode
        if (kind === 'choice' || kind === 'list') {
          const authors = valueAuthors(beforeIds[field], afterIds[field], who)
          const removedBy = single(authors.removed) ?? single(authors.added)
          const addedBy = single(authors.added)
          body = (
            <p className="history-before-after">
              <del style={styleOf(removedBy)} title={runTitle('removed', removedBy)}>
                {valueText(field, a)}
              </del>{' '}
              →{' '}
              <ins style={styleOf(addedBy)} title={runTitle('added', addedBy)}>
                {valueText(field, b)}
              </ins>
            </p>
          )
        } else {
          const segments = attributedDiff(
            field,
            { value: a, ids: charIds(field, a, beforeIds[field]) },
            { value: b, ids: charIds(field, b, afterIds[field]) },
            who,
          )
          body = (
            <p className="history-diff">
              {segments.map((segment, i) =>
                segment.op === 'same' ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity but their order
                  <span key={i}>{segment.text}</span>
                ) : (
                  <ChangedRun
                    // biome-ignore lint/suspicious/noArrayIndexKey: as above
                    key={i}
                    kind={segment.op === 'added' ? 'added' : 'removed'}
                    author={segment.author}
                    title={runTitle(segment.op === 'added' ? 'added' : 'removed', segment.author)}
                  >
                    {segment.text}
                  </ChangedRun>
                ),
              )}
            </p>
          )
        }
        return (
          <section key={field} className="history-field" aria-label={label(fieldLabel(field))}>
            <h3>{label(fieldLabel(field))}</h3>
            {body}
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
