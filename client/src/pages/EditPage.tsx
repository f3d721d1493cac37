/**
 * A fiche in edit mode (loaded lazily: it is the only page that needs TipTap/ProseMirror). Every
 * field is bound to its own shared type of the fiche's Y.Doc, so people editing at the same time
 * merge field by field; the catalog entry follows local edits (`trackCatalogEntry`).
 */

import { choicesMap, fieldText, hasFiche, titleText } from '@kenlabour/shared/ficheDoc'
import { FIELD_LABELS, type SectionKey, type TEXT_FIELD_KEYS, TITLE_LABEL } from '@kenlabour/shared/form'
import { OTHER_SCALE } from '@kenlabour/shared/vocabularies'
import { useEffect, useMemo, useState } from 'react'
import { useLocation } from 'wouter'
import { ChoiceField } from '../components/ChoiceField.tsx'
import { ConnectionStatus } from '../components/ConnectionStatus.tsx'
import { availabilityOf, FicheUnavailable } from '../components/FicheUnavailable.tsx'
import { IdentityField } from '../components/IdentityField.tsx'
import { KeywordsField } from '../components/KeywordsField.tsx'
import { ListField } from '../components/ListField.tsx'
import { Presence } from '../components/Presence.tsx'
import { SectionEditor } from '../components/SectionEditor.tsx'
import { YTextField } from '../components/YTextField.tsx'
import { useDoc, useDocState } from '../hooks/useDoc.ts'
import { useYMap } from '../hooks/useYMap.ts'
import { useYText } from '../hooks/useYText.ts'
import { useYVersion } from '../hooks/useYVersion.ts'
import { useI18n } from '../i18n/context.ts'
import { trackCatalogEntry } from '../sync/catalogSync.ts'
import { type DocHandle, docStore } from '../sync/docStore.ts'
import { type Identity, loadIdentity, saveName } from '../sync/identity.ts'

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
  const choices = useYMap(useMemo(() => choicesMap(doc), [doc]))
  const textField = (key: TextFieldKey, options: { multiline?: boolean; inputMode?: 'url' } = {}) => (
    <YTextField key={key} text={fieldText(doc, key)} label={label(FIELD_LABELS[key])} {...options} />
  )
  const sectionEditor = (key: SectionKey) => (
    <SectionEditor key={key} handle={handle} section={key} identity={identity} />
  )
  return (
    <div className="edit-form">
      <YTextField
        text={titleText(doc)}
        label={label(TITLE_LABEL)}
        maxLength={500}
        className="form-field title-field"
      />
      {FIRST_SECTIONS.map(sectionEditor)}
      <div className="edit-fields">
        {textField('actorName')}
        {textField('author')}
        <ChoiceField doc={doc} field="actorType" />
        <ChoiceField doc={doc} field="scale" />
        {choices.scale === OTHER_SCALE && textField('scaleOther')}
        <KeywordsField doc={doc} />
        {textField('city')}
        <ListField doc={doc} field="contacts" />
        {textField('website', { inputMode: 'url' })}
        <ListField doc={doc} field="tags" />
        {textField('partners', { multiline: true })}
      </div>
      {sectionEditor('complement')}
    </div>
  )
}

export const EditPage = ({ space, id }: { readonly space: string; readonly id: string }) => {
  const { t } = useI18n()
  const [, navigate] = useLocation()
  const handle = useDoc(space, id)
  const state = useDocState(handle)
  const meta = useMemo(() => (handle ? handle.doc.getMap('meta') : null), [handle])
  useYVersion(meta)
  const title = useYText(useMemo(() => (handle ? titleText(handle.doc) : null), [handle]))
  const [identity, setIdentity] = useState<Identity>(loadIdentity)

  useEffect(() => {
    document.title = `${t.editing} : ${title || id} — ${t.appName}`
  }, [title, id, t.editing, t.appName])

  // Present on this fiche while editing it: the name and colour others see on our caret.
  useEffect(() => {
    if (!handle) return
    handle.awareness.setLocalStateField('user', identity)
  }, [handle, identity])
  useEffect(() => {
    if (!handle) return
    const stopTracking = trackCatalogEntry(docStore(), handle)
    return () => {
      stopTracking()
      handle.awareness.setLocalStateField('cursor', null)
      handle.awareness.setLocalStateField('user', null)
    }
  }, [handle])

  const availability = availabilityOf(state, handle !== null && hasFiche(handle.doc))
  if (!handle || availability !== 'ready') {
    return (
      <FicheUnavailable availability={availability === 'ready' ? 'loading' : availability} space={space} />
    )
  }
  return (
    <div className="page edit-page">
      <header className="edit-toolbar">
        <div className="edit-toolbar-main">
          <h1>
            <span className="edit-kicker">{t.editing}</span> {title || id}
          </h1>
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
          <IdentityField identity={identity} onRename={(name) => setIdentity(saveName(name))} />
          <Presence awareness={handle.awareness} />
        </div>
        <p className="edit-note muted small">{t.savedLocally}</p>
      </header>
      <EditForm handle={handle} identity={identity} />
    </div>
  )
}

export default EditPage
