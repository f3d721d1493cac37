/**
 * Durable attribution. A Yjs client id lives for one session (every page load gets a new one), so
 * the fiche's Y.Doc keeps a small map from each client id that wrote to it to the participant
 * behind it: `Y.Map` "participants", key = client id (decimal string), value = `Participant`.
 * A client adds its entry the first time it writes in a session (one entry per editing session,
 * ~80 bytes), so any replica, online or not, can name the author of any item years later.
 *
 * Keys are only ever added, never changed by another client: concurrent registrations of
 * different client ids never conflict.
 */
import type * as Y from 'yjs'
import { z } from 'zod'

export interface Participant {
  /** Stable per device/browser (random, kept in localStorage): the same person across sessions. */
  readonly id: string
  readonly name: string
  /** `#rrggbb` */
  readonly color: string
  /** A short description of the device ("Chrome · Linux"), so two "Marie" can be told apart. */
  readonly device: string
}

export const participantSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(60),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  device: z.string().max(80),
})

export const participantsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('participants')

/**
 * Records that `doc.clientID` is `participant` (no-op if already recorded with the same values).
 * Call it before or right after the first local write of a session.
 */
export const registerParticipant = (doc: Y.Doc, participant: Participant, origin: unknown = null): void => {
  const map = participantsMap(doc)
  const key = String(doc.clientID)
  const current = map.get(key) as Partial<Participant> | undefined
  if (
    current &&
    current.id === participant.id &&
    current.name === participant.name &&
    current.color === participant.color &&
    current.device === participant.device
  )
    return
  doc.transact(() => map.set(key, { ...participant }), origin)
}

/** Every client id → participant the document knows; malformed entries from peers are skipped. */
export const readParticipants = (doc: Y.Doc): Map<number, Participant> => {
  const out = new Map<number, Participant>()
  participantsMap(doc).forEach((value, key) => {
    const parsed = participantSchema.safeParse(value)
    const clientID = Number(key)
    if (parsed.success && Number.isSafeInteger(clientID)) out.set(clientID, parsed.data)
  })
  return out
}

/** The participants behind `clientIDs`, each once (by participant id), unknown clients skipped. */
export const participantsOf = (
  known: ReadonlyMap<number, Participant>,
  clientIDs: Iterable<number>,
): Participant[] => {
  const byId = new Map<string, Participant>()
  for (const clientID of clientIDs) {
    const participant = known.get(clientID)
    if (participant && !byId.has(participant.id)) byId.set(participant.id, participant)
  }
  return [...byId.values()]
}
