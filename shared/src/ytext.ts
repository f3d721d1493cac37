import type * as Y from 'yjs'

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff

/**
 * Sets a Y.Text to `value` with the smallest single splice (common prefix and suffix kept), so that
 * concurrent edits elsewhere in the text merge instead of being overwritten by a full replace.
 * `origin` marks the transaction (the editor's local origin, which its undo manager tracks).
 */
export const setYText = (ytext: Y.Text, value: string, origin: unknown = null): void => {
  const current = ytext.toString()
  if (current === value) return
  let start = 0
  const max = Math.min(current.length, value.length)
  while (start < max && current.charCodeAt(start) === value.charCodeAt(start)) start++
  let end = 0
  while (
    end < max - start &&
    current.charCodeAt(current.length - 1 - end) === value.charCodeAt(value.length - 1 - end)
  )
    end++
  // Never split a surrogate pair: an emoji is one edit, not two halves.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--
  const doc = ytext.doc
  const apply = () => {
    const removed = current.length - start - end
    if (removed > 0) ytext.delete(start, removed)
    const inserted = value.slice(start, value.length - end)
    if (inserted.length > 0) ytext.insert(start, inserted)
  }
  if (doc) doc.transact(apply, origin)
  else apply()
}
