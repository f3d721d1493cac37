/**
 * Bazar's HTML textareas → the rich-text blocks of `richtext.ts`. Sanitising by construction: the
 * HTML is parsed with htmlparser2 (no DOM, so it runs in the relay, the CLI and the browser alike)
 * and only a whitelist of structures is mapped (paragraph, heading, lists, blockquote, bold,
 * italic, links through `safeHref`); scripts, styles, embeds, attributes and event handlers have
 * no counterpart in the output, so nothing executable can survive an import.
 */
import { Parser } from 'htmlparser2'
import { linkify, safeHref } from '../links.ts'
import { paragraph, type RichBlocks, type RichMark, type RichNode, text } from '../richtext.ts'

interface HtmlElement {
  readonly tag: string
  readonly attrs: Record<string, string>
  readonly children: HtmlNode[]
}
type HtmlNode = HtmlElement | string

/** Elements dropped with everything inside them. */
const DROPPED = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'template',
  'noscript',
  'svg',
  'math',
  'head',
  'title',
  'select',
  'textarea',
  'button',
])
const VOID = new Set(['br', 'img', 'hr', 'input', 'meta', 'link', 'wbr', 'area', 'base', 'col', 'source'])
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'table',
  'tr',
  'hr',
  'dl',
  'dt',
  'dd',
])
const MARKS: Record<string, string> = { b: 'bold', strong: 'bold', i: 'italic', em: 'italic' }

/** Parses HTML into a small tree, with entities decoded and dropped elements already gone. */
const parseTree = (html: string): HtmlNode[] => {
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [] }
  const stack: HtmlElement[] = [root]
  let dropping = 0
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (dropping > 0 || DROPPED.has(name)) {
          if (!VOID.has(name)) dropping++
          return
        }
        const element: HtmlElement = { tag: name, attrs, children: [] }
        stack.at(-1)!.children.push(element)
        if (!VOID.has(name)) stack.push(element)
      },
      ontext(value) {
        if (dropping === 0) stack.at(-1)!.children.push(value)
      },
      onclosetag(name) {
        if (dropping > 0) {
          if (!VOID.has(name)) dropping--
          return
        }
        if (VOID.has(name)) return
        // htmlparser2 closes implied tags itself; pop back to the element it closes.
        const at = stack.findLastIndex((e) => e.tag === name)
        if (at > 0) stack.length = at
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )
  parser.write(html)
  parser.end()
  return root.children
}

const isBlock = (node: HtmlNode): boolean => typeof node !== 'string' && BLOCKS.has(node.tag)

/** Inline content of nodes, whitespace collapsed as a browser would, marks accumulated. */
const inlineOf = (nodes: readonly HtmlNode[], marks: readonly RichMark[]): RichNode[] =>
  nodes.flatMap((node): RichNode[] => {
    if (typeof node === 'string') {
      const value = node.replace(/\s+/g, ' ')
      return value === '' ? [] : [text(value, [...marks])]
    }
    if (node.tag === 'br') return [{ type: 'hardBreak' }]
    const mark = MARKS[node.tag]
    if (mark)
      return inlineOf(node.children, marks.some((m) => m.type === mark) ? marks : [...marks, { type: mark }])
    if (node.tag === 'a') {
      const href = safeHref(node.attrs.href ?? '')
      const withoutLink = marks.filter((m) => m.type !== 'link')
      return inlineOf(node.children, href ? [...withoutLink, { type: 'link', attrs: { href } }] : withoutLink)
    }
    return inlineOf(node.children, marks)
  })

const sameMarks = (a: RichNode, b: RichNode): boolean => JSON.stringify(a.marks) === JSON.stringify(b.marks)

/** Trims a paragraph's inline runs and merges neighbours with the same marks (as Yjs stores them). */
const tidyInline = (nodes: RichNode[]): RichNode[] => {
  const merged: RichNode[] = []
  for (const node of nodes) {
    const last = merged.at(-1)
    if (last && last.type === 'text' && node.type === 'text' && sameMarks(last, node)) {
      merged[merged.length - 1] = { ...last, text: `${last.text ?? ''}${node.text ?? ''}` }
    } else merged.push(node)
  }
  const first = merged[0]
  if (first?.type === 'text') merged[0] = { ...first, text: (first.text ?? '').trimStart() }
  const lastIndex = merged.length - 1
  const last = merged[lastIndex]
  if (last?.type === 'text') merged[lastIndex] = { ...last, text: (last.text ?? '').trimEnd() }
  return merged.filter((n) => n.type !== 'text' || (n.text ?? '') !== '')
}

/** Block content of nodes: inline runs between blocks become paragraphs; empty ones are dropped. */
const blocksOf = (nodes: readonly HtmlNode[]): RichBlocks => {
  const blocks: RichBlocks = []
  let pending: HtmlNode[] = []
  const flush = () => {
    const inline = tidyInline(inlineOf(pending, []))
    if (inline.length > 0) blocks.push(paragraph(inline))
    pending = []
  }
  for (const node of nodes) {
    if (!isBlock(node)) {
      pending.push(node)
      continue
    }
    flush()
    blocks.push(...blockOf(node as HtmlElement))
  }
  flush()
  return blocks
}

const listItems = (element: HtmlElement): RichNode[] =>
  element.children
    .filter((c): c is HtmlElement => typeof c !== 'string' && c.tag === 'li')
    .map((li) => {
      const content = blocksOf(li.children)
      return { type: 'listItem', content: content.length > 0 ? content : [paragraph([])] }
    })

const blockOf = (element: HtmlElement): RichBlocks => {
  const heading = /^h([1-6])$/.exec(element.tag)
  if (heading) {
    const inline = tidyInline(inlineOf(element.children, []))
    return inline.length > 0
      ? [{ type: 'heading', attrs: { level: Number(heading[1]) }, content: inline }]
      : []
  }
  if (element.tag === 'ul' || element.tag === 'ol') {
    const items = listItems(element)
    if (items.length === 0) return []
    return [{ type: element.tag === 'ul' ? 'bulletList' : 'orderedList', content: items }]
  }
  if (element.tag === 'blockquote') {
    const content = blocksOf(element.children)
    return content.length > 0 ? [{ type: 'blockquote', content }] : []
  }
  if (element.tag === 'hr') return []
  // p, div, li outside a list, table rows…: their content, as blocks.
  return blocksOf(element.children)
}

const LOOKS_LIKE_HTML = /<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>|&[a-z]+;|&#\d+;/i

/** Plain text (a textarea without the wysiwyg editor): one paragraph per line, links detected. */
const plainTextBlocks = (value: string): RichBlocks =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) =>
      paragraph(
        linkify(line).map((run) =>
          run.href ? text(run.text, [{ type: 'link', attrs: { href: run.href } }]) : text(run.text),
        ),
      ),
    )

/** Converts a Bazar textarea value (HTML or plain text) into safe rich-text blocks. */
export const htmlToRichBlocks = (value: string): RichBlocks =>
  LOOKS_LIKE_HTML.test(value) ? blocksOf(parseTree(value)) : plainTextBlocks(value)

/** Plain text of an HTML value (for single-line fields that received markup): tags dropped, entities decoded. */
export const htmlToPlainText = (value: string): string => {
  if (!LOOKS_LIKE_HTML.test(value)) return value
  const lines: string[] = []
  const walk = (nodes: readonly HtmlNode[]): string =>
    nodes.map((n) => (typeof n === 'string' ? n : n.tag === 'br' ? '\n' : walk(n.children))).join('')
  for (const line of walk(parseTree(value)).split('\n')) lines.push(line.replace(/[ \t]+/g, ' ').trim())
  return lines.filter(Boolean).join('\n')
}
