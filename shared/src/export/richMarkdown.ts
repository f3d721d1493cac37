/**
 * Rich text blocks → Markdown (CommonMark): paragraphs, headings, lists, blockquotes, bold,
 * italic, links (only `safeHref` ones) and hard breaks. Characters Markdown would interpret are
 * escaped, so a value is read back as the text it was.
 */
import { safeHref } from '../links.ts'
import type { RichBlocks, RichNode } from '../richtext.ts'

const escapeText = (s: string): string => s.replace(/([\\`*_[\]<>#|])/g, '\\$1')

/** Escapes what would start a block at the beginning of a line ("1. ", "- ", "> "…). */
const escapeLineStart = (s: string): string =>
  s.replace(/^(\s*)([-+])(?=\s)/gm, '$1\\$2').replace(/^(\s*)(\d+)([.)])(?=\s)/gm, '$1$2\\$3')

const inline = (nodes: readonly RichNode[] | undefined): string =>
  (nodes ?? [])
    .map((node) => {
      if (node.type === 'hardBreak') return '\\\n'
      if (node.type !== 'text') return inline(node.content)
      const raw = node.text ?? ''
      let out = escapeText(raw)
      const marks = node.marks ?? []
      // Emphasis markers must touch non-space characters: keep surrounding spaces outside.
      const lead = /^\s*/.exec(out)![0]
      const trail = /\s*$/.exec(out)![0]
      let core = out.trim()
      if (core !== '') {
        if (marks.some((m) => m.type === 'italic')) core = `*${core}*`
        if (marks.some((m) => m.type === 'bold')) core = `**${core}**`
        const link = marks.find((m) => m.type === 'link')
        const href = link ? safeHref(String(link.attrs?.href ?? '')) : null
        if (href) core = `[${core}](<${href.replace(/[<>]/g, encodeURIComponent)}>)`
        out = lead + core + trail
      }
      return out
    })
    .join('')

const indent = (text: string, prefix: string): string =>
  text
    .split('\n')
    .map((line, i) => (i === 0 ? line : line === '' ? '' : prefix + line))
    .join('\n')

const block = (node: RichNode): string => {
  switch (node.type) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 2))
      return `${'#'.repeat(level)} ${inline(node.content)}`
    }
    case 'bulletList':
    case 'orderedList':
      return (node.content ?? [])
        .map((item, i) => {
          const marker = node.type === 'bulletList' ? '- ' : `${i + 1}. `
          const body = (item.content ?? []).map(block).join('\n\n')
          return marker + indent(body, ' '.repeat(marker.length))
        })
        .join('\n')
    case 'blockquote':
      return (node.content ?? [])
        .map(block)
        .join('\n\n')
        .split('\n')
        .map((line) => (line === '' ? '>' : `> ${line}`))
        .join('\n')
    case 'codeBlock':
      return `\`\`\`\n${(node.content ?? []).map((t) => t.text ?? '').join('')}\n\`\`\``
    case 'listItem':
      return (node.content ?? []).map(block).join('\n\n')
    default:
      return escapeLineStart(inline(node.content))
  }
}

export const richToMarkdown = (blocks: RichBlocks): string =>
  blocks
    .map(block)
    .filter((b) => b.trim() !== '')
    .join('\n\n')
