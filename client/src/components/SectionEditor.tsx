/**
 * A rich-text section in edit mode: a TipTap editor bound to the section's Y.XmlFragment, showing
 * the carets of the other editors. Its visible label names the editable area (`aria-labelledby`).
 *
 * Carets come from y-prosemirror's cursor plugin, fed by the document's caret hub (`caretHub.ts`)
 * rather than by the awareness itself: the section redraws its carets when one of them moves, not
 * on every presence change of the whole fiche (TipTap's CollaborationCaret would). The name and
 * colour on our own caret are the awareness `user` the edit page sets.
 *
 * Undo is the Collaboration extension's own (a Y.UndoManager tracking only this editor's
 * transactions), registered with the page's undo registry under `section:<key>`. Pasted HTML is
 * parsed by the schema: only headings, lists, quotes, bold/italic/strike/code and links survive;
 * scripts, styles and classes have no node or mark to land in, and links are kept only for
 * http, https and mailto (`safeHref`, the same rule as everywhere else).
 */

import { sectionFieldName } from '@kenlabour/shared/ficheDoc'
import { SECTION_LABELS, type SectionKey } from '@kenlabour/shared/form'
import { safeHref } from '@kenlabour/shared/links'
import { Extension } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { defaultSelectionBuilder, yCursorPlugin, ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap'
import { useContext, useEffect, useId } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { UndoContext } from '../hooks/useUndo.ts'
import { useI18n } from '../i18n/context.ts'
import { type CaretAwareness, caretHubFor } from '../sync/caretHub.ts'
import type { DocHandle } from '../sync/docStore.ts'
import { FieldPresence } from './FieldPresence.tsx'
import { RichTextToolbar } from './RichTextToolbar.tsx'

export interface SectionEditorProps {
  readonly handle: DocHandle
  readonly section: SectionKey
  readonly editable?: boolean
}

/** A peer's colour, if it is one y-prosemirror can draw (`#rrggbb`); grey otherwise. */
const colourOf = (user: Record<string, unknown>): string =>
  typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#555555'

/** A remote caret: the stock look, plus the client id so follow mode can find it. */
const renderCaret = (user: Record<string, unknown>, clientId: number): HTMLElement => {
  const color = colourOf(user)
  const caret = document.createElement('span')
  caret.classList.add('collaboration-carets__caret')
  caret.style.borderColor = color
  caret.dataset.clientId = String(clientId)
  const label = document.createElement('div')
  label.classList.add('collaboration-carets__label')
  label.style.backgroundColor = color
  label.textContent = typeof user.name === 'string' ? user.name.slice(0, 60) : ''
  caret.append(label)
  return caret
}

/** The others' carets and selections in one section, from the section's view of the caret hub. */
const RemoteCarets = Extension.create<{ awareness: CaretAwareness | null }>({
  name: 'remoteCarets',
  addOptions: () => ({ awareness: null }),
  addProseMirrorPlugins() {
    const { awareness } = this.options
    if (!awareness) return []
    return [
      yCursorPlugin(awareness as unknown as Awareness, {
        cursorBuilder: renderCaret,
        selectionBuilder: (user: Record<string, unknown>) =>
          defaultSelectionBuilder({ ...user, color: colourOf(user) }),
      }),
    ]
  },
})

export const SectionEditor = ({ handle, section, editable = true }: SectionEditorProps) => {
  const { label } = useI18n()
  const labelId = useId()
  const registry = useContext(UndoContext)
  const fieldKey = sectionFieldName(section)
  const editor = useEditor(
    {
      editable,
      extensions: [
        StarterKit.configure({
          // Yjs owns the history of a shared document; ProseMirror's undo would undo others' edits.
          undoRedo: false,
          // It appends an empty paragraph to a section ending with a list or a quote: a change
          // written to the shared document by merely opening it (undoable, in the history, and
          // doubled when two people open it at once).
          trailingNode: false,
          link: {
            openOnClick: false,
            autolink: true,
            defaultProtocol: 'https',
            isAllowedUri: (url) => safeHref(url) !== null,
            shouldAutoLink: (url) => safeHref(url.includes(':') ? url : `https://${url}`) !== null,
          },
        }),
        Collaboration.configure({ document: handle.doc, field: fieldKey }),
        RemoteCarets.configure({
          awareness: caretHubFor(handle.awareness, handle.doc).viewFor(handle.doc.getXmlFragment(fieldKey)),
        }),
      ],
      editorProps: {
        attributes: {
          'aria-labelledby': labelId,
          'aria-multiline': 'true',
          role: 'textbox',
          class: 'editor-content',
          spellcheck: 'true',
        },
      },
    },
    [handle, section, labelId],
  )

  useEffect(() => {
    if (!editor || !registry) return
    const manager = (yUndoPluginKey.getState(editor.state) as { undoManager?: Y.UndoManager } | undefined)
      ?.undoManager
    return manager ? registry.register(fieldKey, manager) : undefined
  }, [editor, registry, fieldKey])

  useEffect(() => {
    editor?.setEditable(editable)
  }, [editor, editable])

  // After every remote change y-prosemirror measures the DOM selection and scrolls our caret into
  // view: two forced layouts per remote edit, for a scroll the browser's scroll anchoring already
  // makes unnecessary (what is on screen stays put while others type above it).
  useEffect(() => {
    const state = editor ? ySyncPluginKey.getState(editor.state) : undefined
    const binding = (state as { binding?: { _isLocalCursorInView?: () => boolean } } | undefined)?.binding
    if (binding) binding._isLocalCursorInView = () => false
  }, [editor])

  return (
    <div className="form-field section-editor" data-field={fieldKey}>
      <div className="section-heading">
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: a shortcut for pointer users; keyboard users tab into the editor */}
        <h2 id={labelId} className="section-label" onClick={() => editor?.commands.focus()}>
          {label(SECTION_LABELS[section])}
        </h2>
        <FieldPresence field={fieldKey} />
      </div>
      {editor && editable && (
        <RichTextToolbar editor={editor} field={fieldKey} label={label(SECTION_LABELS[section])} />
      )}
      <EditorContent editor={editor} className="editor" />
    </div>
  )
}
