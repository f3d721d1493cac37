/**
 * The benchmark report marks targets: an absolute one on any subject's figure, a ratio to the
 * baseline's figure on the other subjects (the relay issue's "CPU per keystroke within 1.2x").
 */
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../bench/report.ts'
import type { FigureResult, ResultsFile, SubjectResult } from '../bench/results.ts'
import { spread } from '../bench/stats.ts'

const figure = (
  label: string,
  runs: number[],
  targets: { target?: number; targetRatio?: number } = {},
): FigureResult => ({
  label,
  unit: 'µs',
  digits: 0,
  context: false,
  target: targets.target ?? null,
  targetRatio: targets.targetRatio ?? null,
  runs,
  ...spread(runs),
})

const subject = (name: string, cpu: number, p99: number): SubjectResult => ({
  name,
  label: name,
  status: 'ok',
  reason: null,
  figures: {
    cpu: figure('relay CPU per keystroke', [cpu], { targetRatio: 1.2 }),
    p99: figure('delivery latency p99', [p99], { target: 10 }),
  },
  checks: [],
})

const results = (subjects: SubjectResult[]): ResultsFile => ({
  schema: 1,
  scenarios: {
    standard: {
      name: 'standard',
      summary: 'a workload',
      date: '2026-12-02T10:00:00.000Z',
      durationS: 60,
      quick: false,
      repetitions: 1,
      baseline: 'bare',
      machine: { cpu: 'a cpu', cores: 2, memoryGb: 24, os: 'Linux', node: 'v20' },
      versions: {},
      subjects,
    },
  },
})

/** The table row whose label starts with `label`, split into its cells. */
const row = (markdown: string, label: string): string[] => {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${label}`))
  if (!line) throw new Error(`no row ${label}`)
  return line
    .split('|')
    .map((cell) => cell.trim())
    .filter(Boolean)
}

describe('benchmark report targets', () => {
  it('marks a ratio under its target, one over it, and never the baseline itself', () => {
    const markdown = renderMarkdown(
      results([subject('bare', 100, 3), subject('lean', 110, 4), subject('heavy', 175, 12)]),
      ['standard'],
    )
    expect(row(markdown, 'relay CPU per keystroke')).toEqual([
      'relay CPU per keystroke (µs)',
      '100',
      '110 ×1.10 ✓',
      '175 ×1.75 **over target**',
    ])
  })

  it('marks an absolute target on every subject, the baseline included', () => {
    const markdown = renderMarkdown(results([subject('bare', 100, 3), subject('heavy', 175, 12)]), [
      'standard',
    ])
    expect(row(markdown, 'delivery latency p99')).toEqual([
      'delivery latency p99 (µs)',
      '3 ✓',
      '12 ×4.00 **over target**',
    ])
  })
})
