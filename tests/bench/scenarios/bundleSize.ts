/**
 * Initial bundle size: the gzip size of the JavaScript the first page (the directory) loads before
 * any interaction (`initialGzipBytes`: the entry and its static imports), and a check that the editor
 * (TipTap, ProseMirror) is not in it. Reads the build; run `npm run build` first. Target: under
 * 150 KiB gzip, the same budget the build enforces in client/vite.config.ts.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../versions.ts'
import { initialGzipBytes } from './catalog.ts'
import type { Measurement, Scenario, Subject } from './types.ts'

const DIST = join(ROOT, 'client', 'dist')

const build: Subject = {
  name: 'client-build',
  label: 'client/dist (vite build)',
  unavailable: () =>
    existsSync(join(DIST, 'index.html')) ? null : 'client/dist is missing: run npm run build',
}

/** Entry scripts of index.html whose code mentions the editor's packages (should be none). */
const editorInEntry = (): string[] =>
  [...readFileSync(join(DIST, 'index.html'), 'utf8').matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)]
    .map((m) => m[1]!)
    .filter((file) => /@tiptap|prosemirror-view/.test(readFileSync(join(DIST, file), 'utf8')))

const measure = async (): Promise<Measurement> => {
  const editor = editorInEntry()
  return {
    figures: {
      js: {
        label: 'initial JavaScript, gzip',
        unit: 'KiB',
        value: initialGzipBytes(DIST) / 1024,
        digits: 1,
        target: 150,
      },
    },
    checks: [
      {
        name: 'editor not in the first page',
        ok: editor.length === 0,
        detail: editor.length === 0 ? 'no TipTap/ProseMirror code in the entry' : editor.join(', '),
      },
    ],
  }
}

export const bundleSize: Scenario = {
  name: 'bundle-size',
  summary: () => 'gzip size of the JavaScript the directory page loads first (entry + static imports)',
  subjects: () => [build],
  measure,
}
