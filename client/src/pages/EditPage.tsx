/**
 * A fiche in edit mode (loaded lazily: it is the only page that needs TipTap/ProseMirror). Every
 * field is bound to its own shared type of the fiche's Y.Doc, so people editing at the same time
 * merge field by field; the catalog entry follows local edits (`trackCatalogEntry`).
 *
 * The workshop lives here: presence (who is here, who is in which field, carets, follow mode),
 * per-field undo of one's own changes (`UndoRegistry`), share links, connection state, and remote
 * edits applied in batches while the editors are open (`remoteUpdateBatching.ts`).
 */

import { fieldText, hasFiche, titleText } from '@kenlabour/shared/ficheDoc'
import { FIELD_LABELS, type SectionKey, type TEXT_FIELD_KEYS, TITLE_LABEL } from '@kenlabour/shared/form'
import { OTHER_SCALE } from '@kenlabour/shared/vocabularies'
import { type FocusEvent, type KeyboardEvent, useCallback, useEffect, useMemo, useState } from 'react'
import { useLocation } from 'wouter'
import { ChoiceField } from '../components/ChoiceField.tsx'
import { ConnectionStatus } from '../components/ConnectionStatus.tsx'
import { DurabilityStatus } from '../components/DurabilityStatus.tsx'
import { availabilityOf, FicheUnavailable } from '../components/FicheUnavailable.tsx'
import { IdentityField } from '../components/IdentityField.tsx'
import { KeywordsField } from '../components/KeywordsField.tsx'
import { ListField } from '../components/ListField.tsx'
import { LocationField } from '../components/LocationField.tsx'
import { ParticipantList } from '../components/ParticipantList.tsx'
import { ReadOnlyNotice } from '../components/ReadOnlyNotice.tsx'
import { SectionEditor } from '../components/SectionEditor.tsx'
import { type CreateShareLink, ShareDialog } from '../components/ShareDialog.tsx'
import { UndoButtons } from '../components/UndoButtons.tsx'
import { YTextField } from '../components/YTextField.tsx'
import { useVersionRecorder } from '../history/useVersionRecorder.ts'
import { useAwarenessUsers } from '../hooks/useAwarenessUsers.ts'
import { useDoc, useDocState } from '../hooks/useDoc.ts'
import { useFollow } from '../hooks/useFollow.ts'
import { PresenceContext } from '../hooks/usePresence.ts'
import { UndoContext } from '../hooks/useUndo.ts'
import { useYMap } from '../hooks/useYMap.ts'
import { useYText } from '../hooks/useYText.ts'
import { useYVersion } from '../hooks/useYVersion.ts'
import { useI18n } from '../i18n/context.ts'
import { coalesceAwareness } from '../sync/awarenessCoalescing.ts'
import { trackCatalogEntry } from '../sync/catalogSync.ts'
import { type DocHandle, docStore } from '../sync/docStore.ts'
import { type Identity, loadIdentity, saveColor, saveName } from '../sync/identity.ts'
import { batchRemoteUpdates } from '../sync/remoteUpdateBatching.ts'
import { createShareLink } from '../sync/shareLinks.ts'
import { UndoRegistry } from '../sync/undoRegistry.ts'
import '../components/workshop.css'

type TextFieldKey = (typeof TEXT_FIELD_KEYS)[number]

const FIRST_SECTIONS: readonly SectionKey[] = [
  'description',
  'positive',
  'stopBefore',
  'limits',
  'levers',
  'adaptable',
]

const EditForm = ({ handle, identity }: { readonly handle: DocHandle; readonly identity: Identity }) => {
  const { label } = useI18n()
  const { doc } = handle
  const choices = useYMap(useMemo(() => doc.getMap('choices'), [doc]))
  const textField = (key: TextFieldKey, options: { multiline?: boolean; inputMode?: 'url' } = {}) => (
    <YTextField
      key={key}
      text={fieldText(doc, key)}
      label={label(FIELD_LABELS[key])}
      fieldKey={`field:${key}`}
      {...options}
    />
  )
  const sectionEditor = (key: SectionKey) => <SectionEditor key={key} handle={handle} section={key} />
  return (
    <div className="edit-form">
      <YTextField
        text={titleText(doc)}
        label={label(TITLE_LABEL)}
        maxLength={500}
        className="form-field title-field"
        fieldKey="title"
      />
      {FIRST_SECTIONS.map(sectionEditor)}
      <div className="edit-fields">
        {textField('actorName')}
        {textField('author')}
        <ChoiceField doc={doc} field="actorType" by={identity.name} />
        <ChoiceField doc={doc} field="scale" by={identity.name} />
        {choices.scale === OTHER_SCALE && textField('scaleOther')}
        <KeywordsField doc={doc} />
        {textField('city')}
        <LocationField doc={doc} />
        <ListField doc={doc} field="contacts" />
        {textField('website', { inputMode: 'url' })}
        <ListField doc={doc} field="tags" />
        {textField('partners', { multiline: true })}
      </div>
      {sectionEditor('complement')}
    </div>
  )
}

/** The field (`data-field`) an element belongs to, if any. */
const fieldOf = (element: EventTarget | null): string | null =>
  element instanceof Element ? (element.closest('[data-field]')?.getAttribute('data-field') ?? null) : null

/** Share links from the relay (`createShareLink`, authorised by this browser's token), pointed at this fiche. */
const shareLinkFor =
  (space: string, id: string): CreateShareLink =>
  async (role) => {
    const { url } = await createShareLink(space, role)
    const link = new URL(url, window.location.origin)
    link.pathname = `/s/${space}/f/${id}`
    return link.href
  }

export const EditPage = ({ space, id }: { readonly space: string; readonly id: string }) => {
  const { t } = useI18n()
  const [, navigate] = useLocation()
  const handle = useDoc(space, id)
  useVersionRecorder(handle)
  const state = useDocState(handle)
  const meta = useMemo(() => (handle ? handle.doc.getMap('meta') : null), [handle])
  useYVersion(meta)
  const title = useYText(useMemo(() => (handle ? titleText(handle.doc) : null), [handle]))
  const [identity, setIdentity] = useState<Identity>(loadIdentity)
  // biome-ignore lint/correctness/useExhaustiveDependencies: one registry per document
  const registry = useMemo(() => new UndoRegistry(), [handle])
  const awareness = handle?.awareness ?? null
  const peers = useAwarenessUsers(awareness)
  const [following, setFollowing] = useState<number | null>(null)
  const stopFollowing = useCallback(() => setFollowing(null), [])
  useFollow(awareness, following, stopFollowing)
  const createLink = useMemo(() => shareLinkFor(space, id), [space, id])

  useEffect(() => {
    document.title = `${t.editing} : ${title || id} — ${t.appName}`
  }, [title, id, t.editing, t.appName])

  // Present on this fiche while editing it: the name and colour others see on our caret; the
  // client id lets their follow mode find our caret.
  useEffect(() => {
    if (!handle) return
    // Our presence goes out coalesced (kept installed after this page: leaving must be sent too).
    coalesceAwareness(handle.provider)
    handle.awareness.setLocalStateField('user', { ...identity, clientId: handle.doc.clientID })
  }, [handle, identity])
  useEffect(() => {
    if (!handle) return
    const stopTracking = trackCatalogEntry(docStore(), handle)
    // Open editors redraw on every remote transaction: while they are open, remote edits arriving
    // within a frame are applied together (installed here, not in the store: only this page pays).
    const stopBatching = batchRemoteUpdates(handle.provider)
    return () => {
      stopBatching()
      stopTracking()
      handle.awareness.setLocalStateField('cursor', null)
      handle.awareness.setLocalStateField('field', null)
      handle.awareness.setLocalStateField('user', null)
    }
  }, [handle])

  const onFocus = (event: FocusEvent) => {
    const field = fieldOf(event.target)
    if (!field || !handle) return
    registry.activate(field)
    if (handle.awareness.getLocalState()?.field !== field) handle.awareness.setLocalStateField('field', field)
  }
  const onBlur = (event: FocusEvent) => {
    if (!handle || fieldOf(event.relatedTarget)) return
    handle.awareness.setLocalStateField('field', null)
  }
  // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y outside the rich-text sections (which handle their own).
  const onKeyDown = (event: KeyboardEvent) => {
    if (following !== null) setFollowing(null)
    const mod = event.ctrlKey || event.metaKey
    const key = event.key.toLowerCase()
    if (!mod || event.defaultPrevented || (key !== 'z' && key !== 'y')) return
    const field = fieldOf(event.target)
    if (!field || field.startsWith('section:')) return
    event.preventDefault()
    if (key === 'y' || event.shiftKey) registry.redo(field)
    else registry.undo(field)
  }

  // Readers never get an editor: the relay would refuse their changes anyway (issue 7).
  if (handle && !handle.canWrite) return <ReadOnlyNotice space={space} id={id} />
  const availability = availabilityOf(state, handle !== null && hasFiche(handle.doc))
  if (!handle || availability !== 'ready') {
    return (
      <FicheUnavailable availability={availability === 'ready' ? 'loading' : availability} space={space} />
    )
  }
  return (
    <UndoContext.Provider value={registry}>
      <PresenceContext.Provider value={peers}>
        <div className="page edit-page">
          {/* Stays in view while writing: two short lines, whatever the number of people here. */}
          <header className="edit-toolbar">
            <div className="edit-toolbar-main">
              <h1 title={title || id}>
                <span className="edit-kicker">{t.editing}</span> {title || id}
              </h1>
              <UndoButtons />
              <ShareDialog createLink={createLink} />
              <button
                type="button"
                className="button button-primary"
                onClick={() => navigate(`/s/${space}/f/${id}`)}
              >
                {t.done}
              </button>
            </div>
            <div className="edit-toolbar-meta">
              <ConnectionStatus handle={handle} />
              <DurabilityStatus handle={handle} />
              <ParticipantList me={identity} following={following} onFollow={setFollowing} />
            </div>
          </header>
          <div className="edit-intro">
            <IdentityField
              identity={identity}
              onRename={(name) => setIdentity(saveName(name))}
              onRecolor={(color) => setIdentity(saveColor(color))}
            />
            <p className="muted small">{t.savedLocally}</p>
          </div>
          {/* biome-ignore lint/a11y/noStaticElementInteractions: focus and key events bubble from the fields */}
          <div onFocus={onFocus} onBlur={onBlur} onKeyDown={onKeyDown}>
            <EditForm handle={handle} identity={identity} />
          </div>
        </div>
      </PresenceContext.Provider>
    </UndoContext.Provider>
  )
}

export default EditPage
