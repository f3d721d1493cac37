/**
 * Limits (all configurable): an oversized frame, a document growing past its limit, a flood of
 * messages, too many connections from one address, too many documents in a space. Each is refused
 * with its documented close code and a log line, the offending connection only, while the rest of
 * the room keeps syncing. Also: `/metrics` counts what was refused, and backup/restore round-trips.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { CloseCode } from '@kenlabour/shared/closeCodes'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openRaw } from '../helpers/rawSocket.ts'
import { ROOT, startRelay, tempDataDir } from '../helpers/relay.ts'
import { useRelayStage } from '../helpers/relayStage.ts'
import { readStoredDoc } from '../helpers/storeReader.ts'
import { tokenFor } from '../helpers/tokens.ts'
import { waitFor } from '../helpers/waitFor.ts'

const stage = useRelayStage({
  args: [
    '--no-seed',
    '--max-frame-bytes',
    '2048',
    '--max-doc-bytes',
    '8192',
    '--max-messages-per-second',
    '20',
    '--max-connections-per-ip',
    '6',
    '--max-docs-per-space',
    '2',
  ],
})
const { clients } = stage

const updateFrame = (text: string, clientID = Math.floor(Math.random() * 2 ** 30)): Uint8Array => {
  const doc = new Y.Doc()
  doc.clientID = clientID
  doc.getText('t').insert(0, text)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc))
  return encoding.toUint8Array(encoder)
}

/** Two synced clients of `name` that must keep working while a third misbehaves. */
const bystanders = async (name: string) => {
  const a = await clients.connectSynced(stage.relay, name)
  const b = await clients.connectSynced(stage.relay, name)
  return {
    stillSync: async (text: string) => {
      a.doc.getText('ok').insert(0, text)
      await waitFor(() => b.doc.getText('ok').toString().startsWith(text), 5_000, `bystander sees ${text}`)
    },
  }
}

describe('limits', () => {
  it('closes an oversized frame with 4413 and logs it; the room carries on', async () => {
    const room = await bystanders('limits/Frame')
    const raw = await openRaw(`${stage.relay.wsUrl}/sync/limits/Frame`)
    raw.ws.send(updateFrame('x'.repeat(3000)))
    expect(await raw.closed).toMatchObject({ code: CloseCode.TooLarge, reason: /exceeds 2048/ })
    await waitFor(() => /frame too large/.test(stage.relay.output()), 5_000, 'the log line /frame too large/')
    await room.stillSync('after big frame')
    expect(readStoredDoc(stage.relay.dataDir, 'limits/Frame').getText('t').toString()).toBe('')
  })

  it('refuses an update that would grow the document past its limit with 4413', async () => {
    const raw = await openRaw(`${stage.relay.wsUrl}/sync/limits/Frame`)
    let closed = false
    void raw.closed.then(
      () => (closed = true),
      () => undefined,
    )
    // Frames under the frame limit, which add up past the document limit.
    for (let i = 0; i < 10 && !closed; i++) {
      raw.ws.send(updateFrame(`${i}`.repeat(1500)))
      await waitFor(() => closed || raw.ws.bufferedAmount === 0, 5_000, 'sent')
    }
    expect(await raw.closed).toMatchObject({
      code: CloseCode.TooLarge,
      reason: /document would exceed 8192 bytes/,
    })
  })

  it('closes a flooding connection with 4429 and logs it; the room carries on', async () => {
    const room = await bystanders('limits/Flood')
    const raw = await openRaw(`${stage.relay.wsUrl}/sync/limits/Flood`)
    for (let i = 0; i < 200 && raw.ws.readyState === raw.ws.OPEN; i++) raw.ws.send(new Uint8Array([3]))
    expect(await raw.closed).toMatchObject({
      code: CloseCode.RateLimited,
      reason: /more than 20 messages per second/,
    })
    await waitFor(
      () => /rate limit exceeded/.test(stage.relay.output()),
      5_000,
      'the log line /rate limit exceeded/',
    )
    await room.stillSync('after flood')
  })

  it('refuses connections past the per-address limit with 4429', async () => {
    // Connections of earlier tests count until the relay has seen them close.
    await waitFor(
      async () =>
        ((await (await fetch(`${stage.relay.url}/api/health`)).json()) as { connections: number })
          .connections === 0,
      10_000,
      'earlier connections to close',
    )
    const open = await Promise.all(
      Array.from({ length: 6 }, () => openRaw(`${stage.relay.wsUrl}/sync/limits/Many`)),
    )
    try {
      const extra = await openRaw(`${stage.relay.wsUrl}/sync/limits/Many`)
      expect(await extra.closed).toMatchObject({
        code: CloseCode.RateLimited,
        reason: /more than 6 connections/,
      })
      await waitFor(
        () => /connections per IP limit/.test(stage.relay.output()),
        5_000,
        'the log line /connections per IP limit/',
      )
    } finally {
      for (const raw of open) raw.ws.close()
    }
    await Promise.all(open.map((raw) => raw.closed))
  })

  it('refuses a new document past the per-space limit with 4413', async () => {
    for (const id of ['One', 'Two']) {
      const c = await clients.connectSynced(stage.relay, `full/${id}`)
      c.doc.getText('t').insert(0, id)
      await waitFor(
        () => readStoredDoc(stage.relay.dataDir, `full/${id}`).getText('t').toString() === id,
        5_000,
        id,
      )
    }
    const raw = await openRaw(`${stage.relay.wsUrl}/sync/full/Three`)
    raw.ws.send(updateFrame('three'))
    expect(await raw.closed).toMatchObject({ code: CloseCode.TooLarge, reason: /maximum of 2 documents/ })
  })

  it('exposes Prometheus metrics, including refusals by reason', async () => {
    const text = await (await fetch(`${stage.relay.url}/metrics`)).text()
    expect(text).toMatch(/^kenlabour_connections \d+/m)
    expect(text).toMatch(/^kenlabour_loaded_docs \d+/m)
    expect(text).toMatch(/^kenlabour_updates_total [1-9]/m)
    expect(text).toMatch(/^kenlabour_received_bytes_total [1-9]/m)
    expect(text).toMatch(/^kenlabour_persistence_lag_seconds_count [1-9]/m)
    expect(text).toMatch(/^kenlabour_rejected_frames_total\{reason="TooLarge"\} [1-9]/m)
    expect(text).toMatch(/^kenlabour_rejected_frames_total\{reason="RateLimited"\} [1-9]/m)
    expect(text).toMatch(/^kenlabour_refused_connections_total\{reason="RateLimited"\} [1-9]/m)
    expect(text).toMatch(/^kenlabour_process_resident_memory_bytes/m)
  })
})

describe('backup and restore', () => {
  it('backs up a running relay and restores it, links included', async () => {
    const c = await clients.connectSynced(stage.relay, 'backup/Doc')
    c.doc.getText('t').insert(0, 'kept in the backup')
    await waitFor(
      () => readStoredDoc(stage.relay.dataDir, 'backup/Doc').getText('t').toString() !== '',
      5_000,
      'stored',
    )
    const token = await tokenFor(stage.relay, 'backup', 'editor')
    const file = join(tempDataDir(), 'backup.sqlite')
    const backup = spawnSync(
      'npm',
      ['run', '-s', 'backup', '--', '--data', stage.relay.dataDir, '--out', file],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    )
    expect(backup.status, backup.stderr).toBe(0)
    const restoredDir = tempDataDir()
    const restore = spawnSync('npm', ['run', '-s', 'restore', '--', '--from', file, '--data', restoredDir], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    expect(restore.status, restore.stderr).toBe(0)
    const second = await startRelay({ dataDir: restoredDir, args: ['--no-seed'] })
    try {
      // The token minted before the backup still opens the restored space.
      const restored = await clients.connectSynced(second, 'backup/Doc', new Y.Doc(), token)
      expect(restored.doc.getText('t').toString()).toBe('kept in the backup')
    } finally {
      clients.destroyAll()
      await second.stop()
    }
    // Restoring over an existing database is refused without --force.
    const again = spawnSync('npm', ['run', '-s', 'restore', '--', '--from', file, '--data', restoredDir], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    expect(again.status).not.toBe(0)
    expect(again.stderr).toMatch(/--force/)
  })
})
