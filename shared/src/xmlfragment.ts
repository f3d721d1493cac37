/**
 * Conversion between rich text as ProseMirror JSON and the Y.XmlFragment a TipTap editor binds to,
 * following y-prosemirror's encoding: one Y.XmlElement per node (node type as element name, node
 * attributes as element attributes) and Y.XmlText for runs of text, whose formatting attributes
 * are the marks (`{ bold: {}, link: { href } }`). Kept here, DOM-free, so that the relay and the
 * seed can write documents the browser editor opens as if it had typed them.
 */
import * as Y from 'yjs'
import type { RichBlocks, RichMark, RichNode } from './richtext.ts'

const marksToAttributes = (marks: RichMark[] | undefined): Record<string, unknown> | undefined => {
  if (!marks || marks.length === 0) return undefined
  return Object.fromEntries(marks.map((m) => [m.type, m.attrs ?? {}]))
}

const attributesToMarks = (attributes: Record<string, unknown> | undefined): RichMark[] | undefined => {
  if (!attributes) return undefined
  const marks = Object.entries(attributes)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([type, attrs]) => {
      // y-prosemirror suffixes overlapping marks of one type with "--<hash>".
      const name = type.split('--')[0] ?? type
      return attrs && typeof attrs === 'object' && Object.keys(attrs).length > 0
        ? { type: name, attrs: attrs as Record<string, unknown> }
        : { type: name }
    })
  return marks.length > 0 ? marks : undefined
}

const toYNodes = (nodes: RichNode[]): (Y.XmlElement | Y.XmlText)[] => {
  const out: (Y.XmlElement | Y.XmlText)[] = []
  let pendingRuns: { insert: string; attributes?: Record<string, unknown> }[] = []
  // One delta per run of text nodes: a not-yet-integrated Y.XmlText queues edits and has length 0
  // until integrated, so successive `insert(length, …)` calls would all land at 0 (reversed runs);
  // and an insert without attributes inherits the previous run's marks (text after a link would
  // become part of the link). `applyDelta` keeps the order and gives unmarked runs no marks.
  const flushText = () => {
    if (pendingRuns.length === 0) return
    const ytext = new Y.XmlText()
    ytext.applyDelta(pendingRuns)
    out.push(ytext)
    pendingRuns = []
  }
  for (const node of nodes) {
    if (node.type === 'text') {
      if (!node.text) continue
      const attributes = marksToAttributes(node.marks)
      pendingRuns.push(attributes ? { insert: node.text, attributes } : { insert: node.text })
      continue
    }
    flushText()
    const element = new Y.XmlElement(node.type)
    for (const [key, value] of Object.entries(node.attrs ?? {})) {
      if (value !== null && value !== undefined) element.setAttribute(key, value as string)
    }
    const children = toYNodes(node.content ?? [])
    if (children.length > 0) element.insert(0, children)
    out.push(element)
  }
  flushText()
  return out
}

/** Replaces the whole content of a fragment with `blocks` (in the caller's transaction, if any). */
export const writeRichBlocks = (fragment: Y.XmlFragment, blocks: RichBlocks): void => {
  const apply = () => {
    if (fragment.length > 0) fragment.delete(0, fragment.length)
    const nodes = toYNodes(blocks)
    if (nodes.length > 0) fragment.insert(0, nodes)
  }
  if (fragment.doc) fragment.doc.transact(apply)
  else apply()
}

const fromYNode = (node: Y.XmlElement | Y.XmlText | Y.XmlHook): RichNode[] => {
  if (node instanceof Y.XmlText) {
    const delta = node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]
    return delta
      .filter(
        (d): d is { insert: string; attributes?: Record<string, unknown> } => typeof d.insert === 'string',
      )
      .map((d) => {
        const marks = attributesToMarks(d.attributes)
        return marks ? { type: 'text', text: d.insert, marks } : { type: 'text', text: d.insert }
      })
  }
  if (node instanceof Y.XmlElement) {
    const result: RichNode = { type: node.nodeName }
    const attrs = node.getAttributes() as Record<string, unknown>
    if (Object.keys(attrs).length > 0) result.attrs = attrs
    const content = node.toArray().flatMap((child) => fromYNode(child as Y.XmlElement | Y.XmlText))
    if (content.length > 0) result.content = content
    return [result]
  }
  return []
}

/** Reads a fragment back into ProseMirror JSON blocks. */
export const readRichBlocks = (fragment: Y.XmlFragment): RichBlocks =>
  fragment.toArray().flatMap((child) => fromYNode(child as Y.XmlElement | Y.XmlText))
