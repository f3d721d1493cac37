/**
 * "Nouvelle fiche": asks for a title, creates the fiche (locally first, so it works offline) and
 * opens it in edit mode.
 */
import { TITLE_LABEL } from '@kenlabour/shared/form'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useLocation } from 'wouter'
import { useI18n } from '../i18n/context.ts'
import { createFiche } from '../sync/createFiche.ts'
import { docStore } from '../sync/docStore.ts'

export const NewFicheForm = ({ space }: { readonly space: string }) => {
  const { t, label } = useI18n()
  const [, navigate] = useLocation()
  const [open, setOpen] = useState(false)
  const [title, setTitle] = useState('')
  const [busy, setBusy] = useState(false)
  const inputId = useId()
  const formId = useId()
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (open) input.current?.focus()
  }, [open])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!title.trim() || busy) return
    setBusy(true)
    try {
      const id = await createFiche(docStore(), space, title)
      navigate(`/s/${space}/f/${id}/edit`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="new-fiche">
      <button
        type="button"
        className="button button-primary"
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => setOpen((v) => !v)}
      >
        {t.newFiche}
      </button>
      {open && (
        <form id={formId} className="new-fiche-form" onSubmit={submit}>
          <label htmlFor={inputId}>{label(TITLE_LABEL)}</label>
          <input
            id={inputId}
            ref={input}
            type="text"
            required
            maxLength={500}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setOpen(false)
            }}
          />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy || !title.trim()}>
              {busy ? t.creating : t.create}
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              {t.cancel}
            </button>
          </div>
        </form>
      )}
    </div>
  )
}
