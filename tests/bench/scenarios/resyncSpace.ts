/**
 * Re-sync of a whole space after a day offline, through the relay's bulk endpoints
 * (`GET …/changes`, `POST /api/spaces/<space>/sync`) and the client's own `syncSpace`, with the device kept in
 * memory. A space of 500 fiches is downloaded once; the device goes away; 10 fiches change on the
 * relay (written to its storage while it is stopped, as a day of other people's work would be);
 * the relay restarts cold and the device re-syncs. Figures: requests and bytes of the first
 * download, of the re-sync, and of a re-sync where nothing changed. Target: re-sync bytes, sent
 * and received, proportional to the change (10 fiches), not to the space (500).
 */
import { performance } from 'node:perf_hooks'
import { emptyFiche } from '@kenlabour/shared/fiche'
import { readFiche, writeFiche } from '@kenlabour/shared/ficheDoc'
import * as Y from 'yjs'
import { syncSpace } from '../../../client/src/sync/spaceSync.ts'
import { openSqliteSpaceRegistry } from '../../../relay/src/access/spacesSqlite.ts'
import { openSqliteStorage } from '../../../relay/src/storage/sqlite.ts'
import { MemoryLocalDocs } from '../../helpers/memoryLocalDocs.ts'
import { startRelay, tempDataDir } from '../../helpers/relay.ts'
import type { Measurement, RunOptions, Scenario, Subject } from './types.ts'

const SPACE = 'resync'

const kenlabour: Subject = { name: 'kenlabour', label: 'Kenlabour relay, bulk sync', unavailable: () => null }

const sizes = (options: RunOptions) =>
  options.quick ? { fiches: 100, changed: 5 } : { fiches: 500, changed: 10 }

const ficheId = (i: number) => `Fiche${String(i).padStart(4, '0')}-bench`

/** A fiche of realistic size: a title, a city, a few paragraphs of description. */
const ficheUpdate = (i: number): Uint8Array => {
  const doc = new Y.Doc()
  const fiche = emptyFiche(ficheId(i), `Initiative numéro ${i}`, 1_700_000_000_000 + i)
  writeFiche(doc, {
    ...fiche,
    city: 'Quimper',
    sections: {
      ...fiche.sections,
      description: Array.from({ length: 4 }, (_, p) => ({
        type: 'paragraph',
        content: [
          {
            type: 'text',
            text: `Paragraphe ${p} de la fiche ${i} : ${'des gens du coin font ensemble. '.repeat(8)}`,
          },
        ],
      })),
    },
  })
  return Y.encodeStateAsUpdate(doc)
}

/** Another person's edit of a stored fiche: a sentence typed into its city and title. */
const editUpdate = (stored: Uint8Array[], i: number): Uint8Array => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.mergeUpdates(stored))
  const before = Y.encodeStateVector(doc)
  doc.getText('field:city').insert(0, `Brest (${i}), `)
  return Y.encodeStateAsUpdate(doc, before)
}

export const resyncSpace: Scenario = {
  name: 'resync-space',
  summary: (options) => {
    const { fiches, changed } = sizes(options)
    return `a ${fiches}-fiche space downloaded once by the bulk endpoint, ${changed} fiches changed on the relay while the device was away (relay restarted cold), then a re-sync; and a re-sync with nothing changed`
  },
  subjects: () => [kenlabour],
  measure: async (_subject, options): Promise<Measurement> => {
    const { fiches, changed } = sizes(options)
    const dataDir = tempDataDir()
    const storage = openSqliteStorage(dataDir)
    for (let i = 0; i < fiches; i++) await storage.appendUpdate(`${SPACE}/${ficheId(i)}`, ficheUpdate(i))
    await storage.close()
    const spaces = openSqliteSpaceRegistry(dataDir)
    await spaces.ensure(SPACE, { publicRead: true })
    await spaces.close()

    const device = new MemoryLocalDocs()
    let relay = await startRelay({ dataDir, args: ['--no-seed'] })
    try {
      const full = await syncSpace(relay.url, SPACE, device)
      const port = relay.port
      await relay.stop()

      const offline = openSqliteStorage(dataDir)
      const changedIds: string[] = []
      for (let k = 0; k < changed; k++) {
        const i = Math.floor((k * fiches) / changed)
        const name = `${SPACE}/${ficheId(i)}`
        const { updates } = await offline.loadUpdates(name)
        await offline.appendUpdate(name, editUpdate(updates, i))
        changedIds.push(ficheId(i))
      }
      await offline.close()

      relay = await startRelay({ dataDir, port, args: ['--no-seed'] })
      const t0 = performance.now()
      const resync = await syncSpace(relay.url, SPACE, device)
      const resyncMs = performance.now() - t0
      const t1 = performance.now()
      const nothing = await syncSpace(relay.url, SPACE, device)
      const nothingMs = performance.now() - t1

      const gotEdits = changedIds.every((id, k) =>
        readFiche(device.doc(SPACE, id)).city.startsWith(`Brest (${Math.floor((k * fiches) / changed)}), `),
      )
      const perChange = resync.bytesReceived / changed
      const perFicheFull = full.bytesReceived / fiches
      return {
        figures: {
          fullRequests: { label: 'first download: requests', unit: '', value: full.requests, digits: 0 },
          fullKb: {
            label: 'first download: received',
            unit: 'KB',
            value: full.bytesReceived / 1024,
            digits: 1,
          },
          resyncRequests: {
            label: `re-sync (${changed} changed): requests`,
            unit: '',
            value: resync.requests,
            digits: 0,
          },
          resyncKb: {
            label: `re-sync (${changed} changed): received`,
            unit: 'KB',
            value: resync.bytesReceived / 1024,
            digits: 1,
          },
          fullSentKb: {
            label: 'first download: sent (state vectors)',
            unit: 'KB',
            value: full.bytesSent / 1024,
            digits: 1,
          },
          resyncSentKb: {
            label: 're-sync: sent (state vectors)',
            unit: 'KB',
            value: resync.bytesSent / 1024,
            digits: 1,
          },
          resyncMs: {
            label: 're-sync time (cold relay)',
            unit: 'ms',
            value: resyncMs,
            digits: 0,
            context: true,
          },
          nothingKb: {
            label: 're-sync, nothing changed: received',
            unit: 'KB',
            value: nothing.bytesReceived / 1024,
            digits: 2,
          },
          nothingSentKb: {
            label: 're-sync, nothing changed: sent',
            unit: 'KB',
            value: nothing.bytesSent / 1024,
            digits: 2,
          },
          nothingMs: {
            label: 're-sync, nothing changed: time',
            unit: 'ms',
            value: nothingMs,
            digits: 0,
            context: true,
          },
          bytesPerChange: {
            label: 'received per changed fiche',
            unit: 'B',
            value: perChange,
            digits: 0,
            context: true,
          },
        },
        checks: [
          {
            name: 'only the changed fiches came back',
            ok: resync.changed.length === changed && gotEdits,
            detail: `${resync.changed.length} documents returned, edits ${gotEdits ? 'present' : 'missing'}`,
          },
          {
            name: 'bytes proportional to the change',
            // Each changed fiche costs its delta only: far less than a fiche's full download.
            ok: perChange < perFicheFull / 4 && nothing.changed.length === 0,
            detail: `${perChange.toFixed(0)} B per changed fiche vs ${perFicheFull.toFixed(0)} B per fiche downloaded in full`,
          },
          {
            name: 'bytes sent proportional to the change',
            // State vectors of the changed fiches only: a small fraction of the full listing's.
            ok: resync.bytesSent < (full.bytesSent * 4 * changed) / fiches && nothing.bytesSent < 200,
            detail: `${resync.bytesSent} B sent for ${changed} changed vs ${full.bytesSent} B for ${fiches} fiches`,
          },
          {
            name: 'bounded number of requests',
            ok: resync.requests === 2 && nothing.requests === 1,
            detail: `${resync.requests} and ${nothing.requests} request(s)`,
          },
        ],
      }
    } finally {
      device.destroy()
      await relay.stop()
    }
  },
}
