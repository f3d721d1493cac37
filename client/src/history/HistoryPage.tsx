/**
 * The history of a fiche (`/s/:space/f/:id/history`): its timeline, newest first; a version
 * viewed read-only or compared with the one before it, with now or with any other (the choice is
 * in the address: `useHistorySelection`); restoring a whole version or one field of it as a new
 * change (recorded as a "restore" version); naming the current state.
 * Everything reads local documents, so it works offline for any fiche stored on the device.
 */

import { canWrite } from '@kenlabour/shared/access'
import { emptyFiche, type Fiche } from '@kenlabour/shared/fiche'
import { hasFiche, readFiche } from '@kenlabour/shared/ficheDoc'
import { attribution } from '@kenlabour/shared/history/attribution'
import { readDeletions } from '@kenlabour/shared/history/deletions'
import type { HistoryField } from '@kenlabour/shared/history/fields'
import { liveIds } from '@kenlabour/shared/history/itemIds'
import { restoreFiche, restoreField } from '@kenlabour/shared/history/restore'
import {
  previousVersion,
  type VersionRecord,
  versionFiche,
  versionIds,
} from '@kenlabour/shared/history/versions'
import { readParticipants, registerParticipant } from '@kenlabour/shared/participants'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { Link } from 'wouter'
import { ConnectionStatus } from '../components/ConnectionStatus.tsx'
import { availabilityOf, FicheUnavailable } from '../components/FicheUnavailable.tsx'
import { useDoc, useDocState } from '../hooks/useDoc.ts'
import { useFiche } from '../hooks/useFiche.ts'
import { useI18n } from '../i18n/context.ts'
import { roleFor } from '../sync/accessTokens.ts'
import type { DocHandle } from '../sync/docStore.ts'
import { LOCAL_EDIT } from '../sync/localOrigin.ts'
import { ComparePicker } from './ComparePicker.tsx'
import { CompareView } from './CompareView.tsx'
import './history.css'
import { formatWhen, historyMessages } from './messages.ts'
import { localParticipant } from './participant.ts'
import { useVersions } from './useHistory.ts'
import { useHistoryDoc } from './useHistoryDoc.ts'
import { useHistorySelection } from './useHistorySelection.ts'
import { useVersionRecorder } from './useVersionRecorder.ts'
import { VersionEntry } from './VersionEntry.tsx'
import { VersionView } from './VersionView.tsx'

export const HistoryPage = ({ space, id }: { readonly space: string; readonly id: string }) => {
  const { lang } = useI18n()
  const m = historyMessages[lang]
  const handle = useDoc(space, id)
  const state = useDocState(handle)
  const fiche = useFiche(handle?.doc ?? null)
  const history = useHistoryDoc(space, id)
  const versions = useVersions(history)
  const recorder = useVersionRecorder(handle)
  const [selection, setSelection] = useHistorySelection()
  // A version or compare just chosen gets the focus: below the timeline on a phone, it would
  // otherwise open out of sight, and a screen reader says what is now shown.
  const paneRef = useRef<HTMLDivElement>(null)
  const selectionKey = selection ? JSON.stringify(selection) : ''
  useEffect(() => {
    if (selectionKey) paneRef.current?.querySelector<HTMLElement>('h2')?.focus()
  }, [selectionKey])
  const [message, setMessage] = useState<string | null>(null)
  const [name, setName] = useState('')
  const role = roleFor(space)
  const writable = role !== null && canWrite(role)

  useEffect(() => {
    document.title = `${m.history} — ${fiche?.title ?? id}`
  }, [m.history, fiche?.title, id])

  const availability = availabilityOf(state, handle !== null && hasFiche(handle.doc))
  if (!handle || !history || !fiche || availability !== 'ready') {
    return (
      <FicheUnavailable availability={availability === 'ready' ? 'loading' : availability} space={space} />
    )
  }

  const byId = (vid: string | null): VersionRecord | null => versions.find((v) => v.id === vid) ?? null
  const contentOf = (version: VersionRecord) => versionFiche(history.doc, version, fiche)

  const restore = (doc: DocHandle, write: () => boolean, from: VersionRecord) => {
    try {
      registerParticipant(doc.doc, localParticipant())
      const changed = write()
      if (changed) void recorder?.record('restore', { restoredFrom: from.id })
      setMessage(changed ? m.restored : m.restoreNothing)
    } catch {
      setMessage(m.restoreFailed)
    }
  }
  const restoreWhole = (version: VersionRecord) =>
    restore(
      handle,
      () =>
        restoreFiche(handle.doc, contentOf(version).fiche, localParticipant().name, LOCAL_EDIT).length > 0,
      version,
    )
  const restoreOne = (version: VersionRecord, source: Fiche, field: HistoryField) =>
    restore(
      handle,
      () => restoreField(handle.doc, source, field, localParticipant().name, LOCAL_EDIT),
      version,
    )

  const createNamed = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (!trimmed || !recorder) return
    void recorder.record('named', { name: trimmed })
    setName('')
    setMessage(m.namedCreated(trimmed))
  }

  const pane = (() => {
    if (!selection) return null
    if (selection.kind === 'view') {
      const version = byId(selection.version)
      if (!version) return null
      const { fiche: old, missing } = contentOf(version)
      return (
        <VersionView
          title={m.viewing(formatWhen(version.at, lang))}
          fiche={old}
          missing={missing}
          onRestoreField={writable ? (field) => restoreOne(version, old, field) : undefined}
        />
      )
    }
    const from = byId(selection.from)
    const to = byId(selection.to)
    // "Now" is read afresh from the document, so that its text and its item ids match.
    const before = from ? contentOf(from).fiche : emptyFiche(fiche.id, '', fiche.createdAt)
    const after = to ? contentOf(to).fiche : readFiche(handle.doc)
    return (
      <CompareView
        title={m.comparing(from ? formatWhen(from.at, lang) : '—', to ? formatWhen(to.at, lang) : null)}
        before={before}
        after={after}
        beforeIds={from ? versionIds(history.doc, from) : {}}
        afterIds={to ? versionIds(history.doc, to) : liveIds(handle.doc)}
        who={attribution(readParticipants(handle.doc), readDeletions(history.doc))}
        // Restoring from a compare brings back the older side (there is none before the first version).
        onRestoreField={writable && from ? (field) => restoreOne(from, before, field) : undefined}
      />
    )
  })()

  return (
    <div className="page history-page">
      <nav className="breadcrumb" aria-label={m.backToFiche}>
        <Link href={`/s/${space}/f/${id}`}>← {m.backToFiche}</Link>
      </nav>
      <header className="fiche-head">
        <h1>{m.historyOf(fiche.title || id)}</h1>
        <div className="page-actions">
          <ConnectionStatus handle={handle} />
        </div>
      </header>
      {!writable && <p className="notice">{m.readOnly}</p>}
      {writable && (
        <form className="history-form" onSubmit={createNamed}>
          <label className="history-form-field">
            <span>{m.versionName}</span>
            <input
              className="text-input"
              value={name}
              maxLength={200}
              placeholder={m.versionNamePlaceholder}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <button type="submit" className="button" disabled={!recorder || name.trim() === ''}>
            {m.createNamed}
          </button>
        </form>
      )}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <div className="history-layout">
        <section aria-labelledby="history-timeline">
          <h2 id="history-timeline">{m.timeline}</h2>
          {versions.length === 0 && <p className="muted">{m.noVersions}</p>}
          {versions.length > 1 && (
            <ComparePicker
              versions={versions}
              onCompare={(from, to) => setSelection({ kind: 'compare', from, to })}
            />
          )}
          <ol className="history-timeline">
            {[...versions].reverse().map((version) => (
              <VersionEntry
                key={version.id}
                version={version}
                restoredFromAt={byId(version.restoredFrom)?.at ?? null}
                onView={() => setSelection({ kind: 'view', version: version.id })}
                onComparePrevious={() =>
                  setSelection({
                    kind: 'compare',
                    from: previousVersion(versions, version)?.id ?? null,
                    to: version.id,
                  })
                }
                onCompareNow={() => setSelection({ kind: 'compare', from: version.id, to: null })}
                onRestore={writable ? () => restoreWhole(version) : undefined}
              />
            ))}
          </ol>
        </section>
        <div ref={paneRef}>{pane}</div>
      </div>
    </div>
  )
}

export default HistoryPage
