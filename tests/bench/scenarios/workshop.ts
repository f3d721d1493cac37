/** The workshop: one fiche co-written by a whole room of people (fan-out of 29 per keystroke). */
import { typingScenario } from './typing.ts'

export const workshop = typingScenario('workshop', {
  full: {
    rooms: 1,
    clientsPerRoom: 30,
    replicasPerRoom: 3,
    rateHz: 5,
    warmupMs: 2_000,
    measureMs: 10_000,
    workers: 1,
  },
  quick: {
    rooms: 1,
    clientsPerRoom: 8,
    replicasPerRoom: 2,
    rateHz: 5,
    warmupMs: 500,
    measureMs: 2_000,
    workers: 1,
  },
})
