/**
 * "Partager": links to join a fiche (from its edit page) or a whole space (from its directory) as
 * an editor or as a reader, no account needed. The links come from `createLink` (the relay mints a
 * token for the role and checks it on every connection), so this dialog knows nothing of tokens.
 * They are made when the dialog opens (an empty field would look broken), and again each time it
 * opens. Failures are said in the dialog; the copy button tries again.
 */
import { useEffect, useId, useRef, useState } from 'react'
import { useWorkshopText } from '../i18n/workshopMessages.ts'

export type ShareRole = 'editor' | 'reader'

/** What the links open: this fiche, or the directory of the space. */
export type ShareScope = 'fiche' | 'space'

/** Resolves with the absolute URL to share, or rejects with an Error saying why. */
export type CreateShareLink = (role: ShareRole) => Promise<string>

type LinkState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; url: string }
  | { kind: 'error'; message: string }

const ShareLinkRow = ({
  linkRole: role,
  scope,
  createLink,
}: {
  readonly linkRole: ShareRole
  readonly scope: ShareScope
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
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the dialog opens
  useEffect(() => {
    void load()
  }, [])
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
        {scope === 'space'
          ? role === 'editor'
            ? w.editSpaceLinkHint
            : w.readSpaceLinkHint
          : role === 'editor'
            ? w.editLinkHint
            : w.readLinkHint}
      </p>
      <div className="share-link">
        <input
          id={id}
          type="text"
          className="text-input"
          readOnly
          aria-describedby={hintId}
          value={state.kind === 'ready' ? state.url : ''}
          placeholder={state.kind === 'loading' ? w.creatingLink : undefined}
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

export interface ShareDialogProps {
  /** Null: the dialog says links are unavailable. */
  readonly createLink: CreateShareLink | null
  readonly scope?: ShareScope
  /** The links offered: a reader may pass on a reader link only (the relay refuses more). */
  readonly roles?: readonly ShareRole[]
  readonly buttonClassName?: string
}

/** The "Partager" button and its dialog. */
export const ShareDialog = ({
  createLink,
  scope = 'fiche',
  roles = ['editor', 'reader'],
  buttonClassName = 'button',
}: ShareDialogProps) => {
  const w = useWorkshopText()
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        type="button"
        className={buttonClassName}
        onClick={() => {
          setOpen(true)
          dialog.current?.showModal()
        }}
      >
        {scope === 'space' ? w.shareSpace : w.share}
      </button>
      <dialog ref={dialog} className="share-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        <h2 id={titleId}>{scope === 'space' ? w.shareSpaceTitle : w.shareTitle}</h2>
        {/* Rows only while open: each makes its link when it appears. */}
        {open &&
          (createLink ? (
            roles.map((role) => (
              <ShareLinkRow key={role} linkRole={role} scope={scope} createLink={createLink} />
            ))
          ) : (
            <p role="status">{w.shareUnavailable}</p>
          ))}
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          {w.close}
        </button>
      </dialog>
    </>
  )
}
