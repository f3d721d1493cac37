/**
 * A free-text value (contact, website, partners) with its URLs and e-mail addresses as links. Only
 * http, https and mailto ever become links (`@kenlabour/shared/links`); everything else stays text.
 */
import { hrefForValue, linkify } from '@kenlabour/shared/links'

export interface LinkedTextProps {
  readonly value: string
  /** The whole value is one link target when it is one (a contact, a website). */
  readonly whole?: boolean
}

export const LinkedText = ({ value, whole = false }: LinkedTextProps) => {
  const href = whole ? hrefForValue(value) : null
  if (href) {
    return (
      <a href={href} rel="noopener noreferrer nofollow">
        {value.trim()}
      </a>
    )
  }
  return (
    <>
      {linkify(value).map((run, i) =>
        run.href ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: runs of one immutable string
          <a key={i} href={run.href} rel="noopener noreferrer nofollow">
            {run.text}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: runs of one immutable string
          <span key={i}>{run.text}</span>
        ),
      )}
    </>
  )
}
