/**
 * Rich text as plain data: ProseMirror JSON restricted to the nodes and marks of the TipTap
 * StarterKit the editor uses. It is the exchange form between the Y.Doc (Y.XmlFragment), the seed
 * parser, the HTTP API and exports.
 */
import { z } from 'zod'
import { safeHref } from './links.ts'

export interface RichMark {
  type: string
  attrs?: Record<string, unknown>
}

export interface RichNode {
  type: string
  attrs?: Record<string, unknown>
  content?: RichNode[]
  text?: string
  marks?: RichMark[]
}

export const richMarkSchema = z.object({
  type: z.string().min(1),
  attrs: z.record(z.string(), z.unknown()).optional(),
})

export const richNodeSchema: z.ZodType<RichNode> = z.lazy(() =>
  z.object({
    type: z.string().min(1),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(richNodeSchema).optional(),
    text: z.string().optional(),
    marks: z.array(richMarkSchema).optional(),
  }),
)

/** A section's content: the children of the editor's `doc` node. */
export const richBlocksSchema = z.array(richNodeSchema)
export type RichBlocks = RichNode[]

export const text = (value: string, marks?: RichMark[]): RichNode =>
  marks && marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value }

export const paragraph = (content: RichNode[]): RichNode =>
  content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' }

export const bulletList = (items: RichNode[][]): RichNode => ({
  type: 'bulletList',
  content: items.map((inline) => ({ type: 'listItem', content: [paragraph(inline)] })),
})

const BLOCK_TYPES = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'bulletList',
  'orderedList',
  'listItem',
  'codeBlock',
])

/** Plain text of blocks: one line per paragraph or list item, list items prefixed with "- ". */
export const richToPlainText = (blocks: RichBlocks): string => {
  const lines: string[] = []
  const inline = (node: RichNode): string =>
    node.type === 'text'
      ? (node.text ?? '')
      : node.type === 'hardBreak'
        ? '\n'
        : (node.content ?? []).map(inline).join('')
  const walk = (node: RichNode, prefix: string): void => {
    if (node.type === 'listItem') {
      const [first, ...rest] = node.content ?? []
      lines.push(`${prefix}- ${first ? inline(first) : ''}`)
      for (const child of rest) walk(child, `${prefix}  `)
    } else if (node.type === 'bulletList' || node.type === 'orderedList' || node.type === 'blockquote') {
      for (const child of node.content ?? []) walk(child, prefix)
    } else if (BLOCK_TYPES.has(node.type)) {
      lines.push(prefix + inline(node))
    }
  }
  for (const block of blocks) walk(block, '')
  return lines.join('\n')
}

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )

const TAGS: Record<string, string> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  codeBlock: 'pre',
}
const MARK_TAGS: Record<string, string> = {
  bold: 'strong',
  italic: 'em',
  strike: 's',
  code: 'code',
  underline: 'u',
}

/** HTML of blocks, escaped; links only with safe protocols; unknown nodes keep their text. */
export const richToHtml = (blocks: RichBlocks): string => {
  const render = (node: RichNode): string => {
    if (node.type === 'text') {
      let html = escapeHtml(node.text ?? '')
      for (const mark of node.marks ?? []) {
        const tag = MARK_TAGS[mark.type]
        if (tag) html = `<${tag}>${html}</${tag}>`
        if (mark.type === 'link') {
          const href = safeHref(String(mark.attrs?.href ?? ''))
          if (href) html = `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${html}</a>`
        }
      }
      return html
    }
    if (node.type === 'hardBreak') return '<br>'
    const inner = (node.content ?? []).map(render).join('')
    if (node.type === 'heading') {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 2))
      return `<h${level}>${inner}</h${level}>`
    }
    const tag = TAGS[node.type]
    return tag ? `<${tag}>${inner}</${tag}>` : inner
  }
  return blocks.map(render).join('')
}
