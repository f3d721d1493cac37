/**
 * "Partager l’espace" on a space's directory: links to join the whole space as an editor or as a
 * reader. Only a browser holding a link for the space can pass one on (the relay refuses anonymous
 * readers of a public space), so nobody else sees the button. The dialog and its strings load after
 * the page, in their own chunk: the directory is the first page, and its JavaScript has a budget.
 */
import { lazy, Suspense, useMemo } from 'react'
import { roleFor } from '../sync/accessTokens.ts'

const SpaceShareDialog = lazy(() => import('./SpaceShareDialog.tsx'))

export const SpaceShareButton = ({ space }: { readonly space: string }) => {
  const role = useMemo(() => roleFor(space), [space])
  if (role === null) return null
  return (
    <Suspense fallback={null}>
      <SpaceShareDialog space={space} role={role} />
    </Suspense>
  )
}
