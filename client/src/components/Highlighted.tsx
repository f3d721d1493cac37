import type { Segment } from '../search/highlight.ts'

/**
 * Text cut by `search/highlight.ts`, the words the search matched in `<mark>`; the rest stays plain
 * text (no element around it: each card re-renders on every new query, and fewer nodes is less work).
 */
export const Highlighted = ({ segments }: { readonly segments: readonly Segment[] }) => (
  <>
    {segments.map((segment, i) =>
      segment.mark ? (
        // biome-ignore lint/suspicious/noArrayIndexKey: segments of one immutable string
        <mark key={i}>{segment.text}</mark>
      ) : (
        segment.text
      ),
    )}
  </>
)
