/** The standard workload: many fiches edited at once by small groups, the everyday load of a relay. */
import { typingScenario } from './typing.ts'

export const standard = typingScenario('standard', {
  full: {
    rooms: 50,
    clientsPerRoom: 10,
    replicasPerRoom: 2,
    rateHz: 5,
    warmupMs: 3_000,
    measureMs: 12_000,
    workers: 2,
  },
  quick: {
    rooms: 4,
    clientsPerRoom: 4,
    replicasPerRoom: 2,
    rateHz: 5,
    warmupMs: 500,
    measureMs: 2_000,
    workers: 1,
  },
})
