import { type Participant, readParticipants } from '@kenlabour/shared/participants'
import { useMemo } from 'react'
import type * as Y from 'yjs'
import { useI18n } from '../i18n/context.ts'

export interface ContributorsProps {
  readonly doc: Y.Doc
  /** Changes whenever the document does (the fiche read from it), to re-read the participants. */
  readonly version: unknown
}

/**
 * Who wrote this fiche: the participants recorded in the fiche document
 * (`@kenlabour/shared/participants`, one entry per editing session), each person once.
 */
export const Contributors = ({ doc, version }: ContributorsProps) => {
  const { t } = useI18n()
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the doc's content
  const people = useMemo(() => {
    const byId = new Map<string, Participant>()
    for (const participant of readParticipants(doc).values()) byId.set(participant.id, participant)
    return [...byId.values()]
  }, [doc, version])
  return (
    <div className="contributors">
      <span className="contributors-label">{t.directory.contributors}</span>{' '}
      {people.length === 0 ? (
        <span className="muted">{t.directory.noContributors}</span>
      ) : (
        <ul className="contributors-list">
          {people.map((p) => (
            <li key={p.id}>
              <span className="contributor-dot" style={{ background: p.color }} aria-hidden="true" />
              {p.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
