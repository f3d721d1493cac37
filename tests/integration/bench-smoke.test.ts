/**
 * A smoke run of the benchmark harness (`npm run bench -- --quick`): one small relay scenario
 * against the bare broadcast relay and Kenlabour's relay, checking that the harness still runs end
 * to end, that its results file has the documented shape, and that every client converged. The
 * benchmarks themselves are not part of `npm test` (they take ~15 minutes).
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ResultsFile } from '../bench/results.ts'
import { ROOT } from '../helpers/relay.ts'

const out = mkdtempSync(join(tmpdir(), 'kenlabour-bench-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

const runBench = (args: string[]): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/bench/run.ts'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('exit', (code) => resolve({ code, output }))
  })

describe('benchmark harness (quick smoke run)', () => {
  it('runs the standard workload against bare and kenlabour, writes results, and everything converged', async () => {
    const { code, output } = await runBench([
      'standard',
      '--quick',
      '--servers',
      'bare,kenlabour',
      '--out',
      out,
    ])
    expect(code, output).toBe(0)

    const results = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as ResultsFile
    const standard = results.scenarios.standard!
    expect(standard).toMatchObject({ name: 'standard', quick: true, repetitions: 1, baseline: 'bare' })
    expect(standard.machine.cores).toBeGreaterThan(0)
    expect(standard.versions.yjs).toMatch(/^\d+\.\d+\.\d+/)
    expect(standard.subjects.map((s) => s.name)).toEqual(['bare', 'kenlabour'])
    for (const subject of standard.subjects) {
      expect(subject.status, subject.reason ?? '').toBe('ok')
      for (const key of ['cpuPerKeystroke', 'p50', 'p95', 'p99', 'rss', 'generatorCores']) {
        const figure = subject.figures[key]!
        expect(figure.runs, key).toHaveLength(1)
        expect(Number.isFinite(figure.median), key).toBe(true)
        expect(figure.min).toBeLessThanOrEqual(figure.max)
      }
      expect(subject.checks.find((c) => c.name === 'converged')).toMatchObject({ ok: true })
      expect(subject.checks.every((c) => c.ok)).toBe(true)
    }

    expect(existsSync(join(out, 'benchmarks.md'))).toBe(true)
    const markdown = readFileSync(join(out, 'benchmarks.md'), 'utf8')
    expect(markdown).toContain('## standard')
    expect(markdown).toMatch(/\| relay CPU per keystroke \(µs\) +\|/)
  }, 60_000)
})
