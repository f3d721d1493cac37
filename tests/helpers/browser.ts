/**
 * Headless Chromium for end-to-end tests, through playwright-core and the system's Chromium
 * (`npx playwright install` cannot download here). A missing browser is an error with the fix,
 * never a skip.
 */
import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

export const chromiumPath = (): string => {
  const fromEnv = process.env.KENLABOUR_CHROMIUM
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`KENLABOUR_CHROMIUM=${fromEnv} does not exist.`)
    return fromEnv
  }
  const found = CANDIDATES.find((p) => existsSync(p))
  if (!found) {
    throw new Error(
      'No Chromium found for the browser tests. Install it (Debian: `apt-get install -y chromium`) ' +
        'or set KENLABOUR_CHROMIUM to the path of a Chromium binary.',
    )
  }
  return found
}

/** The flags every browser test runs Chromium with. */
export const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath(), args: BROWSER_ARGS })
