/**
 * `npm run bench -- [scenario …] [--quick] [--reps N] [--servers a,b] [--out DIR]`
 *
 * Runs the scenarios (all by default) N times each, the subjects of a scenario interleaved within
 * each repetition so that a slow minute of the machine hits them all alike, then writes the results
 * file and the markdown table. A full run writes `tests/bench/results/latest.json` and
 * `docs/benchmarks.md`; `--quick` (a smoke run of the harness, not a measurement) writes
 * `tests/bench/results/quick.{json,md}` unless `--out` says where. Exits 1 if any run failed a check.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { machine, versions } from './machine.ts'
import { renderMarkdown } from './report.ts'
import {
  type CheckResult,
  type FigureResult,
  readResults,
  type ScenarioResult,
  type SubjectResult,
  writeText,
} from './results.ts'
import { SCENARIOS, scenarioNamed } from './scenarios/registry.ts'
import { type Measurement, NotApplicable, type RunOptions, type Scenario } from './scenarios/types.ts'
import { SERVERS, serverNamed } from './servers/registry.ts'
import { spread } from './stats.ts'
import { ROOT } from './versions.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    reps: { type: 'string' },
    servers: { type: 'string' },
    out: { type: 'string' },
    render: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
})

if (values.help) {
  console.log(`usage: npm run bench -- [scenario …] [--quick] [--reps N] [--servers ${SERVERS.map((s) => s.name).join(',')}] [--out DIR] [--render]
--render: only rewrite the markdown from the results file (after a change to report.ts)
scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}`)
  process.exit(0)
}

// Ctrl-C: exit through process.exit so the servers started so far are killed (servers/spawn.ts).
process.once('SIGINT', () => process.exit(130))
process.once('SIGTERM', () => process.exit(143))

const quick = values.quick
const repetitions = Number(values.reps ?? (quick ? 1 : 3))
if (!Number.isInteger(repetitions) || repetitions < 1) throw new Error('--reps must be a positive integer')
const options: RunOptions = {
  quick,
  servers: values.servers ? values.servers.split(',').map((name) => serverNamed(name.trim())) : SERVERS,
}
const scenarios = positionals.length > 0 ? positionals.map(scenarioNamed) : SCENARIOS
const jsonPath = values.out
  ? join(values.out, 'latest.json')
  : join(ROOT, 'tests/bench/results', quick ? 'quick.json' : 'latest.json')
const markdownPath = values.out
  ? join(values.out, 'benchmarks.md')
  : quick
    ? join(ROOT, 'tests/bench/results/quick.md')
    : join(ROOT, 'docs/benchmarks.md')

interface Accumulator {
  result: SubjectResult
  values: Map<string, number[]>
}

const accumulate = (acc: Accumulator, measurement: Measurement): void => {
  for (const [key, figure] of Object.entries(measurement.figures)) {
    const list = acc.values.get(key) ?? []
    list.push(figure.value)
    acc.values.set(key, list)
    acc.result.figures[key] = {
      label: figure.label,
      unit: figure.unit,
      digits: figure.digits ?? 1,
      context: figure.context ?? false,
      target: figure.target ?? null,
      targetRatio: figure.targetRatio ?? null,
      runs: list,
      ...spread(list),
    } satisfies FigureResult
  }
  for (const check of measurement.checks) {
    const previous = acc.result.checks.find((c) => c.name === check.name)
    if (!previous) acc.result.checks.push({ ...check } satisfies CheckResult)
    else if (previous.ok && !check.ok) Object.assign(previous, { ok: false, detail: check.detail })
  }
  const failed = measurement.checks.filter((c) => !c.ok)
  if (failed.length > 0 && acc.result.status === 'ok') {
    acc.result.status = 'failed'
    acc.result.reason = failed.map((c) => `${c.name}: ${c.detail}`).join('; ')
  }
}

const summaryLine = (measurement: Measurement): string =>
  Object.values(measurement.figures)
    .filter((f) => !f.context)
    .slice(0, 4)
    .map((f) => `${f.label} ${Number.isFinite(f.value) ? f.value.toFixed(f.digits ?? 1) : '–'} ${f.unit}`)
    .join(', ')

const runScenario = async (scenario: Scenario): Promise<ScenarioResult> => {
  const started = performance.now()
  const subjects = scenario.subjects(options)
  const accs = subjects.map(
    (subject): Accumulator => ({
      result: {
        name: subject.name,
        label: subject.label,
        status: subject.unavailable() ? 'unavailable' : 'ok',
        reason: subject.unavailable(),
        figures: {},
        checks: [],
      },
      values: new Map(),
    }),
  )
  for (let rep = 1; rep <= repetitions; rep++) {
    for (const [i, subject] of subjects.entries()) {
      const acc = accs[i]!
      const prefix = `[${scenario.name} ${rep}/${repetitions}] ${subject.name}:`
      if (acc.result.status === 'unavailable' || acc.result.status === 'n/a') {
        if (rep === 1) console.log(`${prefix} ${acc.result.status} (${acc.result.reason})`)
        continue
      }
      try {
        const measurement = await scenario.measure(subject, options)
        accumulate(acc, measurement)
        const failed = measurement.checks.filter((c) => !c.ok)
        console.log(
          `${prefix} ${summaryLine(measurement)}${failed.length ? `  FAILED: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}` : ''}`,
        )
      } catch (error) {
        if (error instanceof NotApplicable) {
          acc.result.status = 'n/a'
          acc.result.reason = error.message
          console.log(`${prefix} n/a (${error.message})`)
        } else {
          acc.result.status = 'failed'
          acc.result.reason = error instanceof Error ? error.message : String(error)
          console.log(`${prefix} FAILED: ${acc.result.reason}`)
        }
      }
    }
  }
  return {
    name: scenario.name,
    summary: scenario.summary(options),
    date: new Date().toISOString(),
    durationS: (performance.now() - started) / 1000,
    quick,
    repetitions,
    baseline: scenario.baseline ?? null,
    machine: machine(),
    versions: versions(),
    subjects: accs.map((a) => a.result),
  }
}

/** The markdown goes through the project's formatter (Biome formats .md too), so `npm run lint` stays green. */
const formatMarkdown = (path: string): void => {
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', path], {
      cwd: ROOT,
      stdio: 'ignore',
    })
  } catch {
    // Outside the project (a --out directory) Biome may decline: the table is still valid markdown.
  }
}

const results = readResults(jsonPath)
const writeMarkdown = (): void => {
  writeText(
    markdownPath,
    renderMarkdown(
      results,
      SCENARIOS.map((s) => s.name),
    ),
  )
  formatMarkdown(markdownPath)
}
if (values.render) {
  writeMarkdown()
  console.log(`wrote ${markdownPath}`)
  process.exit(0)
}
let failures = 0
for (const scenario of scenarios) {
  const result = await runScenario(scenario)
  failures += result.subjects.filter((s) => s.status === 'failed').length
  results.scenarios[scenario.name] = result
  // Written after every scenario: an interrupted run keeps what it measured.
  writeText(jsonPath, `${JSON.stringify(results, null, 2)}\n`)
  writeMarkdown()
}
console.log(`\nwrote ${jsonPath} and ${markdownPath}`)
if (failures > 0) {
  console.error(`${failures} subject run(s) FAILED (see above and the report)`)
  process.exit(1)
}
process.exit(0)
