import type { Segment } from '../search/highlight.ts'

/** Text cut by `search/highlight.ts`, the words the search matched in `<mark>`. */
export const Highlighted = ({ segments }: { readonly segments: readonly Segment[] }) => (
  <>
    {segments.map((segment, i) =>
      segment.mark ? (
        // biome-ignore lint/suspicious/noArrayIndexKey: segments of one immutable string
        <mark key={i}>{segment.text}</mark>
      ) : (
        // biome-ignore lint/suspicious/noArrayIndexKey: segments of one immutable string
        <span key={i}>{segment.text}</span>
      ),
    )}
  </>
)
