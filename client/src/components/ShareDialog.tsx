/**
 * "Partager": links to join this fiche as an editor or as a reader, no account needed. The links
 * come from `createLink` (the relay mints a token for the role; it checks it on every connection),
 * so this dialog knows nothing of tokens. Failures are said in the dialog, with a retry.
 */
import { useId, useRef, useState } from 'react'
import { useWorkshopText } from '../i18n/workshopMessages.ts'

export type ShareRole = 'editor' | 'reader'

/** Resolves with the absolute URL to share, or rejects with an Error saying why. */
export type CreateShareLink = (role: ShareRole) => Promise<string>

type LinkState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; url: string }
  | { kind: 'error'; message: string }

const ShareLinkRow = ({
  linkRole: role,
  createLink,
}: {
  readonly linkRole: ShareRole
  readonly createLink: CreateShareLink
}) => {
  const w = useWorkshopText()
  const id = useId()
  const hintId = useId()
  const [state, setState] = useState<LinkState>({ kind: 'idle' })
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no')
  const title = role === 'editor' ? w.editLink : w.readLink
  const load = async (): Promise<string | null> => {
    if (state.kind === 'ready') return state.url
    setState({ kind: 'loading' })
    try {
      const url = await createLink(role)
      setState({ kind: 'ready', url })
      return url
    } catch (error) {
      setState({
        kind: 'error',
        message: w.shareFailed(error instanceof Error ? error.message : String(error)),
      })
      return null
    }
  }
  const copy = async () => {
    const url = await load()
    if (!url) return
    try {
      await navigator.clipboard.writeText(url)
      setCopied('yes')
    } catch {
      setCopied('failed')
    }
  }
  return (
    <div className="share-row">
      <label htmlFor={id}>{title}</label>
      <p id={hintId} className="muted small">
        {role === 'editor' ? w.editLinkHint : w.readLinkHint}
      </p>
      <div className="share-link">
        <input
          id={id}
          type="text"
          className="text-input"
          readOnly
          aria-describedby={hintId}
          value={state.kind === 'ready' ? state.url : ''}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="button" onClick={copy} disabled={state.kind === 'loading'}>
          {w.copy(title)}
        </button>
      </div>
      {copied === 'yes' && <p role="status">{w.copied}</p>}
      {copied === 'failed' && <p role="alert">{w.copyFailed}</p>}
      {state.kind === 'error' && (
        <p role="alert" className="field-error">
          {state.message}
        </p>
      )}
    </div>
  )
}

/** The "Partager" button and its dialog. Without `createLink` the dialog says links are unavailable. */
export const ShareDialog = ({ createLink }: { readonly createLink: CreateShareLink | null }) => {
  const w = useWorkshopText()
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  return (
    <>
      <button type="button" className="button" onClick={() => dialog.current?.showModal()}>
        {w.share}
      </button>
      <dialog ref={dialog} className="share-dialog" aria-labelledby={titleId}>
        <h2 id={titleId}>{w.shareTitle}</h2>
        {createLink ? (
          <>
            <ShareLinkRow linkRole="editor" createLink={createLink} />
            <ShareLinkRow linkRole="reader" createLink={createLink} />
          </>
        ) : (
          <p role="status">{w.shareUnavailable}</p>
        )}
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          {w.close}
        </button>
      </dialog>
    </>
  )
}
