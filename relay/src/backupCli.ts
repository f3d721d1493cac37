/** `npm run backup` / `npm run restore`: see `backup.ts`. */
import { parseArgs } from 'node:util'
import { backupDataDir, restoreDataDir } from './backup.ts'

const [command, ...rest] = process.argv.slice(2)
const { values } = parseArgs({
  args: rest,
  options: {
    data: { type: 'string' },
    out: { type: 'string' },
    from: { type: 'string' },
    force: { type: 'boolean' },
  },
  strict: true,
})
const dataDir = values.data ?? process.env.KENLABOUR_DATA ?? './data'
try {
  if (command === 'backup' && values.out) {
    await backupDataDir(dataDir, values.out)
    process.stdout.write(`backed up ${dataDir} to ${values.out}\n`)
  } else if (command === 'restore' && values.from) {
    restoreDataDir(values.from, dataDir, values.force ?? false)
    process.stdout.write(`restored ${values.from} into ${dataDir}\n`)
  } else {
    process.stderr.write(
      'Usage: npm run backup -- --data <dir> --out <file>\n       npm run restore -- --from <file> --data <dir> [--force]\n',
    )
    process.exit(2)
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
