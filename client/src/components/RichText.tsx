/**
 * Rich text (ProseMirror JSON, as read from a section's Y.XmlFragment) rendered as React elements:
 * no HTML strings, so nothing a peer wrote can become markup. Links keep only safe protocols;
 * unknown nodes and marks keep their text.
 */
import { safeHref } from '@kenlabour/shared/links'
import type { RichBlocks, RichMark, RichNode } from '@kenlabour/shared/richtext'
import { Fragment, type ReactNode } from 'react'

const BLOCK_TAGS = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bulletList: 'ul',
  listItem: 'li',
} as const

const clampLevel = (value: unknown, offset: number): 3 | 4 | 5 | 6 => {
  const level = Math.round(Number(value)) || 1
  return Math.min(6, Math.max(3, level + offset)) as 3 | 4 | 5 | 6
}

const withMark = (content: ReactNode, mark: RichMark): ReactNode => {
  switch (mark.type) {
    case 'bold':
      return <strong>{content}</strong>
    case 'italic':
      return <em>{content}</em>
    case 'strike':
      return <s>{content}</s>
    case 'underline':
      return <u>{content}</u>
    case 'code':
      return <code>{content}</code>
    case 'link': {
      const href = safeHref(String(mark.attrs?.href ?? ''))
      return href ? (
        <a href={href} rel="noopener noreferrer nofollow">
          {content}
        </a>
      ) : (
        content
      )
    }
    default:
      return content
  }
}

const renderNodes = (nodes: readonly RichNode[] | undefined, headingOffset: number): ReactNode[] =>
  (nodes ?? []).map((node, i) => renderNode(node, i, headingOffset))

const renderNode = (node: RichNode, key: number, headingOffset: number): ReactNode => {
  const children = () => renderNodes(node.content, headingOffset)
  switch (node.type) {
    case 'text':
      return <Fragment key={key}>{(node.marks ?? []).reduce<ReactNode>(withMark, node.text ?? '')}</Fragment>
    case 'hardBreak':
      return <br key={key} />
    case 'horizontalRule':
      return <hr key={key} />
    case 'heading': {
      const Tag = `h${clampLevel(node.attrs?.level, headingOffset)}` as const
      return <Tag key={key}>{children()}</Tag>
    }
    case 'orderedList': {
      const start = Number(node.attrs?.start)
      return (
        <ol key={key} start={Number.isFinite(start) && start !== 1 ? start : undefined}>
          {children()}
        </ol>
      )
    }
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children()}</code>
        </pre>
      )
    default: {
      const tag = BLOCK_TAGS[node.type as keyof typeof BLOCK_TAGS]
      if (!tag) return <span key={key}>{children()}</span>
      const Tag = tag
      return <Tag key={key}>{children()}</Tag>
    }
  }
}

export interface RichTextProps {
  readonly blocks: RichBlocks
  /** Headings inside the text start below the section heading (h2): level 1 becomes h3. */
  readonly headingOffset?: number
}

export const RichText = ({ blocks, headingOffset = 2 }: RichTextProps) => (
  <div className="rich-text">{renderNodes(blocks, headingOffset)}</div>
)
