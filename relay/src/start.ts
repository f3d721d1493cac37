/**
 * `npm start`: builds the client when its build is missing or older than its sources, then runs
 * the relay in this process, so that one command on a fresh clone serves the demo directory.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const clientDir = join(root, 'client')
const builtIndex = join(clientDir, 'dist', 'index.html')

const newestMtime = (path: string): number => {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs)
}

const clientIsStale = (): boolean => {
  if (!existsSync(builtIndex)) return true
  const built = statSync(builtIndex).mtimeMs
  const sources = [join(clientDir, 'src'), join(clientDir, 'index.html'), join(root, 'shared', 'src')]
  return sources.some((p) => existsSync(p) && newestMtime(p) > built)
}

if (clientIsStale()) {
  console.log('Building the client (client/dist)…')
  const result = spawnSync('npm', ['run', 'build', '-w', 'client'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

await import('./main.ts')
