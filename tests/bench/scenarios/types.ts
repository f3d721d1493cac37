/**
 * A scenario is a module registered in `registry.ts`: it names what it compares side by side (its
 * subjects: the relay servers, or a single subject such as "yjs" or, later, "chromium") and
 * measures one repetition for one subject. The runner repeats, aggregates and reports; a scenario
 * only measures, and says with checks whether the run was valid.
 */

export interface Subject {
  readonly name: string
  readonly label: string
  /** Null when it can run here, else why not. */
  unavailable(): string | null
}

export interface RunOptions {
  /** A short smoke run: smaller workloads, shorter windows. */
  readonly quick: boolean
  /** The relay servers selected on the command line (relay scenarios compare these). */
  readonly servers: readonly Subject[]
}

export interface Figure {
  readonly label: string
  readonly unit: string
  readonly value: number
  /** Digits after the decimal point in the report. */
  readonly digits?: number
  /** Context figures (generator CPU, …) are shown but get no ratio to the baseline. */
  readonly context?: boolean
  /** A target the figure should stay under, shown in the report. */
  readonly target?: number
  /** A ratio to the baseline's figure this one should stay under (the subjects compared with it). */
  readonly targetRatio?: number
}

export interface Check {
  readonly name: string
  readonly ok: boolean
  readonly detail: string
}

export interface Measurement {
  readonly figures: Readonly<Record<string, Figure>>
  readonly checks: readonly Check[]
}

/** Thrown by `measure` when the scenario does not apply to a subject (reported as n/a, with the reason). */
export class NotApplicable extends Error {}

export interface Scenario {
  readonly name: string
  /** One line for the report: the workload. */
  readonly summary: (options: RunOptions) => string
  readonly subjects: (options: RunOptions) => readonly Subject[]
  /** The subject ratios are computed against, when it ran. */
  readonly baseline?: string
  measure(subject: Subject, options: RunOptions): Promise<Measurement>
}
