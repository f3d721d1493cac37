/**
 * The share dialog of a space (loaded lazily by `SpaceShareButton`): the relay's link opens the
 * space's directory, stores the token and strips it from the address bar; from there every fiche
 * opens with that role. A reader is offered the reader link only (the relay would refuse more).
 */
import { canWrite, type Role } from '@kenlabour/shared/access'
import { useMemo } from 'react'
import { createShareLink } from '../sync/shareLinks.ts'
import { type CreateShareLink, ShareDialog, type ShareRole } from './ShareDialog.tsx'
import './workshop.css'

const SpaceShareDialog = ({ space, role }: { readonly space: string; readonly role: Role }) => {
  const createLink = useMemo<CreateShareLink>(
    () => async (linkRole) =>
      new URL((await createShareLink(space, linkRole)).url, window.location.origin).href,
    [space],
  )
  const roles: readonly ShareRole[] = canWrite(role) ? ['editor', 'reader'] : ['reader']
  return (
    <ShareDialog scope="space" createLink={createLink} roles={roles} buttonClassName="button button-small" />
  )
}

export default SpaceShareDialog
