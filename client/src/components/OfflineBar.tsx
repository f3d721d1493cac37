/**
 * Below the header on every page: the app update prompt, a full-storage alert, and the whole-space
 * sync of the space the page belongs to (`/` is the demo space).
 */
import { DEMO_SPACE, SPACE_ID_PATTERN } from '@kenlabour/shared/names'
import { useLocation } from 'wouter'
import { SpaceSyncStatus } from './SpaceSyncStatus.tsx'
import { StorageAlert } from './StorageAlert.tsx'
import { UpdatePrompt } from './UpdatePrompt.tsx'

const spaceOfPath = (path: string): string | null => {
  if (path === '/') return DEMO_SPACE
  const match = /^\/s\/([^/]+)/.exec(path)
  return match && SPACE_ID_PATTERN.test(match[1]!) ? match[1]! : null
}

export const OfflineBar = () => {
  const [path] = useLocation()
  const space = spaceOfPath(path)
  return (
    <div className="offline-bar">
      <UpdatePrompt />
      <StorageAlert />
      {space && <SpaceSyncStatus key={space} space={space} />}
    </div>
  )
}
