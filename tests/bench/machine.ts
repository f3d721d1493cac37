/** The machine and software a run was measured on: a figure means little without them. */
import { execFileSync } from 'node:child_process'
import { cpus, release, totalmem } from 'node:os'
import { installedVersion, ROOT } from './versions.ts'

export interface Machine {
  cpu: string
  cores: number
  memoryGb: number
  os: string
  node: string
}

export const machine = (): Machine => ({
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  os: `Linux ${release()}`,
  node: process.version,
})

const gitCommit = (): string => {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'relay', 'shared'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim()
    return dirty ? `${head} + uncommitted changes in relay/ or shared/` : head
  } catch {
    return 'unknown'
  }
}

export const versions = (): Record<string, string> => ({
  kenlabour: gitCommit(),
  yjs: installedVersion('yjs'),
  'y-protocols': installedVersion('y-protocols'),
  ws: installedVersion('ws'),
  '@y/websocket-server': installedVersion('@y/websocket-server'),
  '@hocuspocus/server': installedVersion('@hocuspocus/server'),
})
