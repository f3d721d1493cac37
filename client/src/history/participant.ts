/**
 * This device's participant, as history attributes it: the display name and colour of
 * `identity.ts` plus a random id kept in localStorage (the same person across sessions, while Yjs
 * client ids change at every page load) and a short device description.
 */
import type { Participant } from '@kenlabour/shared/participants'
import { loadIdentity } from '../sync/identity.ts'

const ID_KEY = 'kenlabour.participantId'

const stableId = (): string => {
  try {
    let id = localStorage.getItem(ID_KEY)
    if (!id) {
      id = crypto.randomUUID()
      localStorage.setItem(ID_KEY, id)
    }
    return id
  } catch {
    return 'anonymous'
  }
}

let sessionId: string | null = null

const deviceOf = (userAgent: string): string => {
  const browser = /Firefox\//.test(userAgent)
    ? 'Firefox'
    : /Edg\//.test(userAgent)
      ? 'Edge'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'Navigateur'
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : ''
  return os ? `${browser} · ${os}` : browser
}

export const localParticipant = (): Participant => {
  sessionId ??= stableId()
  const { name, color } = loadIdentity()
  return { id: sessionId, name, color, device: deviceOf(navigator.userAgent) }
}
