/**
 * The relay's signing key: 32 random bytes in `<data dir>/relay.key` (base64url, mode 0600),
 * generated on first start. Every token is signed with it, so it lives with the data it protects
 * and goes into backups (relay/src/backup.ts); losing it invalidates every link.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const RELAY_KEY_FILE = 'relay.key'

export const relayKeyPath = (dataDir: string): string => join(dataDir, RELAY_KEY_FILE)

/** Reads the key, creating it (owner read/write only) when the data directory has none. */
export const loadOrCreateRelayKey = (dataDir: string): Uint8Array => {
  const path = relayKeyPath(dataDir)
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true })
    // `wx`: two relays starting on one directory cannot overwrite each other's key.
    try {
      writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    chmodSync(path, 0o600)
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url')
  if (key.length < 32) throw new Error(`${path} does not hold a 32-byte key`)
  return new Uint8Array(key)
}
