import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromiumPath } from '../helpers/browser.ts'
import { ROOT } from '../helpers/relay.ts'

/** Fails the whole e2e run at once, with the fix, when the browser or the built client is missing. */
export default function setup(): void {
  chromiumPath()
  if (!existsSync(join(ROOT, 'client/dist/index.html'))) {
    throw new Error('client/dist is missing: run `npm run build` first (npm test does it).')
  }
}
