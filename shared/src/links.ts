/**
 * Link safety: only http, https and mailto URLs ever become links, whatever their source
 * (seed, import, paste, peer). Everything else is rendered as text.
 */

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

/** Returns the normalised URL when it is safe to link to, otherwise null. */
export const safeHref = (raw: string): string | null => {
  const candidate = raw.trim()
  if (candidate === '') return null
  try {
    const url = new URL(candidate)
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null
  } catch {
    return null
  }
}

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}$/i

/** A contact or website value as a link target: URLs as they are, bare e-mails as mailto:. */
export const hrefForValue = (value: string): string | null => {
  const v = value.trim().replace(/^(mail|e-mail|courriel)\s*:\s*/i, '')
  if (EMAIL.test(v)) return safeHref(`mailto:${v}`)
  if (/^www\./i.test(v)) return safeHref(`https://${v}`)
  return safeHref(v)
}

/** Splits text into plain runs and linkable runs (URLs and e-mail addresses). */
export const linkify = (text: string): { text: string; href?: string }[] => {
  const out: { text: string; href?: string }[] = []
  const pattern = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]|[^\s@<>()"':;,]+@[^\s@<>()"]+\.[a-z]{2,})/gi
  let last = 0
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0
    if (start > last) out.push({ text: text.slice(last, start) })
    const href = hrefForValue(match[0])
    out.push(href ? { text: match[0], href } : { text: match[0] })
    last = start + match[0].length
  }
  if (last < text.length) out.push({ text: text.slice(last) })
  return out
}
