/**
 * A device's copy of documents as Y.Docs in memory: the `LocalDocs` of whole-space sync without a
 * browser (integration tests, benchmarks). Same contract as the IndexedDB one in the client.
 */
import * as Y from 'yjs'
import type { LocalDocs } from '../../client/src/sync/spaceSync.ts'

export class MemoryLocalDocs implements LocalDocs {
  readonly docs = new Map<string, Y.Doc>()
  readonly #versions = new Map<string, Record<string, string>>()
  readonly #cursors = new Map<string, string | null>()

  doc(space: string, id: string): Y.Doc {
    const name = `${space}/${id}`
    let doc = this.docs.get(name)
    if (!doc) {
      doc = new Y.Doc()
      this.docs.set(name, doc)
    }
    return doc
  }

  async list(space: string): Promise<string[]> {
    return [...this.docs.keys()]
      .filter((n) => n.startsWith(`${space}/`))
      .map((n) => n.slice(space.length + 1))
  }

  async stateVector(space: string, id: string): Promise<Uint8Array> {
    return Y.encodeStateVector(this.doc(space, id))
  }

  async apply(space: string, id: string, update: Uint8Array): Promise<void> {
    Y.applyUpdate(this.doc(space, id), update)
  }

  versions(space: string): Record<string, string> {
    return { ...(this.#versions.get(space) ?? {}) }
  }

  saveVersions(space: string, versions: Record<string, string>): void {
    this.#versions.set(space, { ...versions })
  }

  changesCursor(space: string): string | null {
    return this.#cursors.get(space) ?? null
  }

  saveChangesCursor(space: string, cursor: string | null): void {
    this.#cursors.set(space, cursor)
  }

  destroy(): void {
    for (const doc of this.docs.values()) doc.destroy()
    this.docs.clear()
  }
}
