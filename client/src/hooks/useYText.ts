import type * as Y from 'yjs'
import { useYVersion } from './useYVersion.ts'

/** The current string of a Y.Text. */
export const useYText = (text: Y.Text | null): string => {
  useYVersion(text)
  return text?.toString() ?? ''
}
