/**
 * A rich-text section in edit mode: a TipTap editor bound to the section's Y.XmlFragment, showing
 * the carets of the other editors. Its visible label names the editable area (`aria-labelledby`).
 */

import { sectionFieldName } from '@kenlabour/shared/ficheDoc'
import { SECTION_LABELS, type SectionKey } from '@kenlabour/shared/form'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useId } from 'react'
import { useI18n } from '../i18n/context.ts'
import type { DocHandle } from '../sync/docStore.ts'
import type { Identity } from '../sync/identity.ts'

export interface SectionEditorProps {
  readonly handle: DocHandle
  readonly section: SectionKey
  /** The identity when the editor is created; later renames go through awareness directly. */
  readonly identity: Identity
}

export const SectionEditor = ({ handle, section, identity }: SectionEditorProps) => {
  const { label } = useI18n()
  const labelId = useId()
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({
          // Yjs owns the history of a shared document; ProseMirror's undo would undo others' edits.
          undoRedo: false,
          link: { openOnClick: false, autolink: true, defaultProtocol: 'https' },
        }),
        Collaboration.configure({ document: handle.doc, field: sectionFieldName(section) }),
        CollaborationCaret.configure({ provider: handle.provider, user: identity }),
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
    // The identity is deliberately left out: renaming must not recreate the editors.
    [handle, section, labelId],
  )
  return (
    <div className="form-field section-editor">
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: a shortcut for pointer users; keyboard users tab into the editor */}
      <h2 id={labelId} className="section-label" onClick={() => editor?.commands.focus()}>
        {label(SECTION_LABELS[section])}
      </h2>
      <EditorContent editor={editor} className="editor" />
    </div>
  )
}
