/**
 * A labelled `<input>` or `<textarea>` bound to a Y.Text. Typing writes the smallest splice
 * (`setYText`), so concurrent edits elsewhere in the text merge; remote changes are applied to the
 * element with the caret moved through the change, so it stays where the person was typing.
 * Writes carry `LOCAL_EDIT`, which the field's own undo manager tracks (`fieldKey` registers it).
 */
import { setYText } from '@kenlabour/shared/ytext'
import { useId, useLayoutEffect, useMemo, useRef } from 'react'
import type * as Y from 'yjs'
import { useFieldUndo } from '../hooks/useUndo.ts'
import { LOCAL_EDIT } from '../sync/localOrigin.ts'
import { type TextDelta, transformSelection } from '../sync/selection.ts'
import { FieldPresence } from './FieldPresence.tsx'

export interface YTextFieldProps {
  readonly text: Y.Text
  readonly label: string
  readonly multiline?: boolean
  readonly maxLength?: number
  readonly inputMode?: 'text' | 'url' | 'email'
  readonly className?: string
  /** The field's key for presence and undo (`title`, `field:city`…). */
  readonly fieldKey: string
  readonly readOnly?: boolean
}

export const YTextField = ({
  text,
  label,
  multiline = false,
  maxLength,
  inputMode,
  className,
  fieldKey,
  readOnly = false,
}: YTextFieldProps) => {
  const id = useId()
  useFieldUndo(
    fieldKey,
    useMemo(() => [text], [text]),
  )
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null)
  const composing = useRef(false)

  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    element.value = text.toString()
    const onChange = (event: Y.YTextEvent) => {
      const next = text.toString()
      if (element.value === next || composing.current) return
      if (document.activeElement === element && element.selectionStart !== null) {
        const [start, end] = transformSelection(
          event.delta as TextDelta,
          element.selectionStart,
          element.selectionEnd ?? element.selectionStart,
        )
        const direction = element.selectionDirection ?? 'none'
        element.value = next
        element.setSelectionRange(start, end, direction)
      } else {
        element.value = next
      }
    }
    text.observe(onChange)
    return () => text.unobserve(onChange)
  }, [text])

  const write = () => {
    if (ref.current) setYText(text, ref.current.value, LOCAL_EDIT)
  }
  const endComposition = () => {
    composing.current = false
    write()
    if (ref.current && ref.current.value !== text.toString()) ref.current.value = text.toString()
  }

  const common = {
    id,
    ref,
    className: 'text-input',
    maxLength,
    spellCheck: true,
    readOnly,
    onChange: write,
    onCompositionStart: () => {
      composing.current = true
    },
    onCompositionEnd: endComposition,
  }
  return (
    <div className={className ?? 'form-field'} data-field={fieldKey}>
      <div className="field-heading">
        <label htmlFor={id}>{label}</label>
        <FieldPresence field={fieldKey} />
      </div>
      {multiline ? (
        <textarea rows={3} {...common} />
      ) : (
        <input type="text" inputMode={inputMode} {...common} />
      )}
    </div>
  )
}
