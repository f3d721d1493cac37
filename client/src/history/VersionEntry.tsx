import { CHOICE_VOCABULARIES } from '@kenlabour/shared/form'
import { fieldLabel, isHistoryField } from '@kenlabour/shared/history/fields'
import type { VersionKind, VersionRecord } from '@kenlabour/shared/history/versions'
import { termLabel } from '@kenlabour/shared/vocabularies'
import { useI18n } from '../i18n/context.ts'
import { AuthorChips } from './AuthorChips.tsx'
import { formatWhen, historyMessages } from './messages.ts'

export interface VersionEntryProps {
  readonly version: VersionRecord
  readonly restoredFromAt: number | null
  readonly onView: () => void
  readonly onComparePrevious: () => void
  readonly onCompareNow: () => void
  /** Absent for readers. */
  readonly onRestore?: () => void
}

/** Versions someone made on purpose, shown with their name ("par Marie"). */
const SIGNED_KINDS: ReadonlySet<VersionKind> = new Set(['named', 'restore', 'import'])

/** Fields changed by a version: a few by name, then how many more (a whole rewrite names 20). */
const NAMED_FIELDS = 4
const listed = (fields: readonly string[], more: (n: number) => string): string =>
  fields.length <= NAMED_FIELDS
    ? fields.join(' · ')
    : `${fields.slice(0, NAMED_FIELDS - 1).join(' · ')} ${more(fields.length - NAMED_FIELDS + 1)}`

/** One entry of the timeline: when, what kind, who, what changed, and what can be done with it. */
export const VersionEntry = ({ version, restoredFromAt, ...actions }: VersionEntryProps) => {
  const { lang, label } = useI18n()
  const m = historyMessages[lang]
  const fields = version.summary.fields.filter(isHistoryField).map((f) => label(fieldLabel(f)))
  // Whoever wrote a fiche before its history began (an import, the seed) is not known by name:
  // the origin's note says so once, rather than "an unknown author".
  const unknownAuthors = version.kind === 'origin' ? 0 : version.unknownAuthors
  return (
    <li className="history-entry" data-version={version.id}>
      <p className="history-entry-head">
        <time dateTime={new Date(version.at).toISOString()}>{formatWhen(version.at, lang)}</time>{' '}
        <span className={`history-kind history-kind-${version.kind}`}>{m.kinds[version.kind]}</span>
        {version.name && <strong className="history-name"> {version.name}</strong>}
        {version.by && SIGNED_KINDS.has(version.kind) && (
          <span className="history-by">
            {' '}
            {m.by}{' '}
            <span className="history-author-name" style={{ color: version.by.color }}>
              {version.by.name}
            </span>
          </span>
        )}
      </p>
      {(version.authors.length > 0 || unknownAuthors > 0) && (
        <div className="history-line history-authors-line">
          <span className="muted">{m.authors}</span> <AuthorChips people={version.authors} />
          {unknownAuthors > 0 && (
            <span className="muted">
              {' '}
              {version.authors.length > 0 && `${m.and} `}
              {m.unknownAuthors(unknownAuthors)}
            </span>
          )}
        </div>
      )}
      {version.participants.length > 0 && (
        <div className="history-line history-participants-line">
          <span className="muted">{m.participants}</span> <AuthorChips people={version.participants} />
        </div>
      )}
      <p className="history-line small">
        {version.kind === 'origin' ? (
          <span className="muted">{m.originNote}</span>
        ) : fields.length > 0 ? (
          <>
            <span className="muted">{m.changed}</span> {listed(fields, m.moreFields)} —{' '}
            {m.chars(version.summary.added, version.summary.removed)}
          </>
        ) : (
          <span className="muted">{m.nothingChanged}</span>
        )}
        {restoredFromAt !== null && (
          <span className="muted"> ({m.restoredFrom(formatWhen(restoredFromAt, lang))})</span>
        )}
      </p>
      {version.conflicts.map((c) => (
        <p key={c.field} className="notice history-conflict" role="note">
          {m.conflict(
            label(fieldLabel(c.field)),
            c.losers
              .map(
                (l) =>
                  `${l.by || '?'} : ${l.value ? termLabel(CHOICE_VOCABULARIES[c.field], l.value, lang) : m.empty}`,
              )
              .join(', '),
          )}
        </p>
      ))}
      <div className="button-row">
        <button type="button" className="button button-small" onClick={actions.onView}>
          {m.view}
        </button>
        {version.kind !== 'origin' && (
          <button type="button" className="button button-small" onClick={actions.onComparePrevious}>
            {m.compareWithPrevious}
          </button>
        )}
        <button type="button" className="button button-small" onClick={actions.onCompareNow}>
          {m.compareWithNow}
        </button>
        {actions.onRestore && (
          <button type="button" className="button button-small" onClick={actions.onRestore}>
            {m.restoreVersion}
          </button>
        )}
      </div>
    </li>
  )
}
