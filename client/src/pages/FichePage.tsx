/**
 * A fiche, read: like the original site's page, every non-empty section under its French form
 * label, then the short fields, the free keywords and partners, and "En complément". Live: edits
 * from anyone show as they arrive. Keywords lead back to the directory filtered on them; the last
 * change (from the catalog) and the contributors (from the fiche document) head the page; the
 * fiche can be moved to the trash and restored, never deleted.
 */
import type { Fiche } from '@kenlabour/shared/fiche'
import {
  CHOICE_VOCABULARIES,
  FIELD_LABELS,
  SECTION_KEYS,
  SECTION_LABELS,
  type SectionKey,
} from '@kenlabour/shared/form'
import { richToPlainText } from '@kenlabour/shared/richtext'
import { OTHER_SCALE, termLabel } from '@kenlabour/shared/vocabularies'
import { useEffect } from 'react'
import { Link, useLocation } from 'wouter'
import { Chips } from '../components/Chips.tsx'
import { ConnectionStatus } from '../components/ConnectionStatus.tsx'
import { Contributors } from '../components/Contributors.tsx'
import { ExportMenu } from '../components/ExportMenu.tsx'
import { FicheField } from '../components/FicheField.tsx'
import { availabilityOf, FicheUnavailable } from '../components/FicheUnavailable.tsx'
import { KeywordLinks } from '../components/KeywordLinks.tsx'
import { LinkedText } from '../components/LinkedText.tsx'
import { RichText } from '../components/RichText.tsx'
import { TrashToggle } from '../components/TrashToggle.tsx'
import { HistoryLink } from '../history/HistoryLink.tsx'
import { useCanWrite } from '../hooks/useCanWrite.ts'
import { useCatalogEntry } from '../hooks/useCatalogEntry.ts'
import { useDoc, useDocState } from '../hooks/useDoc.ts'
import { useFiche } from '../hooks/useFiche.ts'
import { useI18n } from '../i18n/context.ts'
import { formatDate } from '../i18n/formatDate.ts'
import './directory.css'

const isEmpty = (fiche: Fiche, key: SectionKey) => richToPlainText(fiche.sections[key]).trim() === ''

const FicheBody = ({ fiche, space }: { readonly fiche: Fiche; readonly space: string }) => {
  const { label, lang } = useI18n()
  const section = (key: SectionKey) =>
    isEmpty(fiche, key) ? null : (
      <FicheField key={key} label={label(SECTION_LABELS[key])} level={2}>
        <RichText blocks={fiche.sections[key]} />
      </FicheField>
    )
  const text = (value: string) => value.trim() !== ''
  return (
    <>
      {SECTION_KEYS.filter((k) => k !== 'complement').map(section)}
      <div className="fiche-fields">
        {text(fiche.actorName) && (
          <FicheField label={label(FIELD_LABELS.actorName)}>{fiche.actorName}</FicheField>
        )}
        {text(fiche.author) && <FicheField label={label(FIELD_LABELS.author)}>{fiche.author}</FicheField>}
        {fiche.actorType && (
          <FicheField label={label(FIELD_LABELS.actorType)}>
            {termLabel(CHOICE_VOCABULARIES.actorType, fiche.actorType, lang)}
          </FicheField>
        )}
        {fiche.scale && (
          <FicheField label={label(FIELD_LABELS.scale)}>
            {termLabel(CHOICE_VOCABULARIES.scale, fiche.scale, lang)}
          </FicheField>
        )}
        {fiche.scale === OTHER_SCALE && text(fiche.scaleOther) && (
          <FicheField label={label(FIELD_LABELS.scaleOther)}>{fiche.scaleOther}</FicheField>
        )}
        {fiche.keywords.length > 0 && (
          <FicheField label={label(FIELD_LABELS.keywords)}>
            <KeywordLinks space={space} keywords={fiche.keywords} label={label(FIELD_LABELS.keywords)} />
          </FicheField>
        )}
        {text(fiche.city) && <FicheField label={label(FIELD_LABELS.city)}>{fiche.city}</FicheField>}
        {fiche.contacts.length > 0 && (
          <FicheField label={label(FIELD_LABELS.contacts)}>
            <ul className="contacts">
              {fiche.contacts.map((contact) => (
                <li key={contact}>
                  <LinkedText value={contact} whole />
                </li>
              ))}
            </ul>
          </FicheField>
        )}
        {text(fiche.website) && (
          <FicheField label={label(FIELD_LABELS.website)}>
            <LinkedText value={fiche.website} whole />
          </FicheField>
        )}
        {fiche.tags.length > 0 && (
          <FicheField label={label(FIELD_LABELS.tags)}>
            <Chips items={fiche.tags} />
          </FicheField>
        )}
        {text(fiche.partners) && (
          <FicheField label={label(FIELD_LABELS.partners)}>
            <p className="pre-line">
              <LinkedText value={fiche.partners} />
            </p>
          </FicheField>
        )}
      </div>
      {section('complement')}
    </>
  )
}

export const FichePage = ({ space, id }: { readonly space: string; readonly id: string }) => {
  const { t, lang } = useI18n()
  const [, navigate] = useLocation()
  const handle = useDoc(space, id)
  const state = useDocState(handle)
  const fiche = useFiche(handle?.doc ?? null)
  const entry = useCatalogEntry(space, id)
  const writer = useCanWrite(space)

  useEffect(() => {
    document.title = `${fiche?.title || t.loading} — ${t.appName}`
  }, [fiche?.title, t.loading, t.appName])

  const availability = availabilityOf(state, fiche !== null)
  if (!fiche || !handle || availability !== 'ready') {
    return (
      <FicheUnavailable availability={availability === 'ready' ? 'loading' : availability} space={space} />
    )
  }
  return (
    <article className="page fiche-page">
      <nav className="breadcrumb" aria-label={t.backToDirectory}>
        <Link href={`/s/${space}`}>← {t.backToDirectory}</Link>
      </nav>
      <header className="fiche-head">
        <h1>{fiche.title || id}</h1>
        <div className="page-actions">
          <ConnectionStatus handle={handle} />
          <button
            type="button"
            className="button button-primary"
            onClick={() => navigate(`/s/${space}/f/${id}/edit`)}
          >
            {t.edit}
          </button>
          <HistoryLink space={space} id={id} />
          <ExportMenu space={space} ficheId={id} />
          {writer && <TrashToggle space={space} id={id} trashed={fiche.trashedAt !== null} />}
        </div>
      </header>
      <div className="fiche-meta">
        {entry && <span>{t.directory.lastModified(formatDate(entry.updatedAt, lang))}</span>}
        <Contributors doc={handle.doc} version={fiche} />
      </div>
      {fiche.trashedAt !== null && (
        <p className="notice" role="status">
          {t.ficheTrashed}
        </p>
      )}
      <FicheBody fiche={fiche} space={space} />
    </article>
  )
}
