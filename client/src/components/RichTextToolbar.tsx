/**
 * The formatting buttons of a section: headings, lists, bold/italic, quote, links (validated by
 * `safeHref`: only http, https, mailto), and the section's own undo/redo. A toolbar in the ARIA
 * sense; mouse-down keeps the caret in the editor.
 */
import { safeHref } from '@kenlabour/shared/links'
import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { useState } from 'react'
import { useWorkshopText } from '../i18n/workshopMessages.ts'
import { UndoButtons } from './UndoButtons.tsx'

export interface RichTextToolbarProps {
  readonly editor: Editor
  /** The section's field key (`section:<key>`): its undo manager in the registry. */
  readonly field: string
  readonly label: string
}

export const RichTextToolbar = ({ editor, field, label }: RichTextToolbarProps) => {
  const w = useWorkshopText()
  const [linkError, setLinkError] = useState(false)
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      heading: e.isActive('heading', { level: 1 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
    }),
  })
  const chain = () => editor.chain().focus()
  const buttons = [
    { key: 'bold', text: w.bold, run: () => chain().toggleBold().run() },
    { key: 'italic', text: w.italic, run: () => chain().toggleItalic().run() },
    { key: 'heading', text: w.heading, run: () => chain().toggleHeading({ level: 1 }).run() },
    { key: 'bulletList', text: w.bulletList, run: () => chain().toggleBulletList().run() },
    { key: 'orderedList', text: w.orderedList, run: () => chain().toggleOrderedList().run() },
    { key: 'blockquote', text: w.blockquote, run: () => chain().toggleBlockquote().run() },
  ] as const

  const editLink = () => {
    if (active.link) {
      chain().extendMarkRange('link').unsetLink().run()
      return
    }
    const raw = window.prompt(w.linkPrompt, 'https://')
    if (raw === null) return
    const href = safeHref(raw)
    setLinkError(href === null)
    if (href) chain().extendMarkRange('link').setLink({ href }).run()
  }

  return (
    <div className="rich-toolbar" role="toolbar" aria-label={w.formatting(label)}>
      {buttons.map((button) => (
        <button
          key={button.key}
          type="button"
          className="button button-small"
          aria-pressed={active[button.key]}
          onMouseDown={(e) => e.preventDefault()}
          onClick={button.run}
        >
          {button.text}
        </button>
      ))}
      <button
        type="button"
        className="button button-small"
        aria-pressed={active.link}
        onMouseDown={(e) => e.preventDefault()}
        onClick={editLink}
      >
        {active.link ? w.unlink : w.link}
      </button>
      <UndoButtons field={field} />
      {linkError && (
        <span role="alert" className="field-error">
          {w.linkRefused}
        </span>
      )}
    </div>
  )
}
