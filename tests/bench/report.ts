/**
 * Renders the results file as `docs/benchmarks.md`: one table per scenario, a column per subject,
 * each cell the median over the repetitions with [min–max] and the ratio to the baseline's median.
 */
import type { FigureResult, ResultsFile, ScenarioResult, SubjectResult } from './results.ts'

const format = (value: number, digits: number): string =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–'

const cell = (figure: FigureResult, baseline: FigureResult | undefined, isBaseline: boolean): string => {
  let text = `${format(figure.median, figure.digits)}`
  if (figure.runs.length > 1)
    text += ` [${format(figure.min, figure.digits)}–${format(figure.max, figure.digits)}]`
  if (!figure.context && baseline && !isBaseline && baseline.median > 0 && Number.isFinite(figure.median)) {
    const ratio = figure.median / baseline.median
    text += ` ×${ratio.toFixed(2)}`
    if (figure.targetRatio != null) text += ratio < figure.targetRatio ? ' ✓' : ' **over target**'
  }
  if (figure.target !== null) text += figure.median < figure.target ? ' ✓' : ' **over target**'
  return text
}

const statusCell = (subject: SubjectResult): string => {
  if (subject.status === 'ok') return 'ok'
  if (subject.status === 'failed') return '**failed** (below)'
  const reason = (subject.reason ?? '').split('\n')[0]!.replace(/\|/g, '\\|')
  return `**${subject.status}**${reason ? `: ${reason}` : ''}`
}

/** Why each failed subject failed: its failed checks, or the error that stopped its run. */
const failures = (s: ScenarioResult): string[] =>
  s.subjects.flatMap((x) => {
    const checks = x.checks.filter((c) => !c.ok).map((c) => `${x.name}: ${c.name}: ${c.detail}`)
    if (checks.length > 0) return checks
    return x.status === 'failed' ? [`${x.name}: ${(x.reason ?? '').split('\n')[0]}`] : []
  })

const machineLine = (s: ScenarioResult): string =>
  `${s.machine.cpu}, ${s.machine.cores} cores, ${s.machine.memoryGb} GB, ${s.machine.os}, Node ${s.machine.node}`

const scenarioSection = (s: ScenarioResult, headerMachine: string): string[] => {
  const lines = [`## ${s.name}`, '', `${s.summary}.`, '']
  const minutes = Math.floor(s.durationS / 60)
  const seconds = Math.round(s.durationS % 60)
  lines.push(
    `Run ${s.date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}, ${s.repetitions} repetition${s.repetitions > 1 ? 's' : ''}${s.quick ? ' (**quick smoke run**, not a measurement)' : ''}, ${minutes} min ${seconds} s.` +
      (machineLine(s) === headerMachine ? '' : ` Machine: ${machineLine(s)}.`),
    '',
  )
  const baseline = s.subjects.find((x) => x.name === s.baseline && x.status === 'ok')
  const keys: string[] = []
  for (const subject of s.subjects)
    for (const key of Object.keys(subject.figures)) if (!keys.includes(key)) keys.push(key)
  lines.push(`| figure | ${s.subjects.map((x) => x.name).join(' | ')} |`)
  lines.push(`| --- | ${s.subjects.map(() => '---').join(' | ')} |`)
  for (const key of keys) {
    const sample = s.subjects.map((x) => x.figures[key]).find(Boolean)!
    const row = s.subjects.map((x) => {
      const figure = x.figures[key]
      return figure ? cell(figure, baseline?.figures[key], x === baseline) : '–'
    })
    const unit = sample.unit ? ` (${sample.unit})` : ''
    const label = sample.context ? `_${sample.label}_${unit}` : `${sample.label}${unit}`
    lines.push(`| ${label} | ${row.join(' | ')} |`)
  }
  lines.push(`| status | ${s.subjects.map(statusCell).join(' | ')} |`)
  const failed = failures(s)
  lines.push('')
  if (failed.length > 0) lines.push('Failed:', '', ...failed.map((f) => `- ${f}`), '')
  else {
    const names = [...new Set(s.subjects.flatMap((x) => x.checks.map((c) => c.name)))]
    if (names.length > 0) lines.push(`Checks passed in every repetition: ${names.join(', ')}.`, '')
  }
  lines.push(...s.subjects.map((x) => `- \`${x.name}\`: ${x.label}`), '')
  return lines
}

export const renderMarkdown = (results: ResultsFile, scenarioOrder: readonly string[]): string => {
  const scenarios = scenarioOrder
    .map((name) => results.scenarios[name])
    .filter((s): s is ScenarioResult => !!s)
  const latest = [...scenarios].sort((a, b) => b.date.localeCompare(a.date))[0]
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (`tests/bench/`); do not edit by hand. `npm run bench` runs every scenario',
    '(all of them take about 17 minutes on a quiet 2-core machine), `npm run bench -- <scenario>` one of them, replacing only its section.',
    '',
    'Each cell is the median over the repetitions, [min–max], and ×ratio to the baseline column (the bare',
    'broadcast relay; for the join storm, where it does not apply, `@y/websocket-server`). Lower is better',
    'everywhere. _Italic_ rows are context (the load generator and machine), shown so a reader can tell',
    'the generator was not the bottleneck. Servers run as separate processes; their CPU and memory are',
    'read from `/proc/<pid>`. Latency is from the sender calling `send` to a full replica having applied',
    'the update, measured by the generator on one monotonic clock.',
    '',
  ]
  if (latest) {
    lines.push(`Machine: ${machineLine(latest)}.`, '')
    lines.push(
      `Versions: ${Object.entries(latest.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}.`,
      '',
    )
  }
  for (const s of scenarios) lines.push(...scenarioSection(s, latest ? machineLine(latest) : ''))
  return `${lines.join('\n').trimEnd()}\n`
}
