/** The standard workload: many fiches edited at once by small groups, the everyday load of a relay. */
import { type TypingWorkload, typingScenario } from './typing.ts'

/** Also run by `scaleOut.ts` over several relays. */
export const STANDARD_WORKLOADS: { readonly full: TypingWorkload; readonly quick: TypingWorkload } = {
  full: {
    rooms: 50,
    clientsPerRoom: 10,
    replicasPerRoom: 2,
    rateHz: 5,
    warmupMs: 3_000,
    measureMs: 12_000,
    workers: 2,
    // The relay issue's targets for this workload.
    targets: { p99Ms: 10, cpuRatio: 1.2 },
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
}

export const standard = typingScenario('standard', STANDARD_WORKLOADS)
