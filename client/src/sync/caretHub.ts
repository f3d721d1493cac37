/**
 * Remote carets for the many editors of one document, at the cost of one. y-prosemirror's cursor
 * plugin redraws an editor's carets on every awareness `change` of the document: with 7 section
 * editors and 30 people moving their carets, that is 7 ProseMirror transactions and 7 decoration
 * rebuilds per incoming frame, for carets that are in one section at most.
 *
 * The hub listens to the awareness once. At most once per animation frame (after that frame's
 * remote edits, `frameTasks.ts`) it works out, for the people whose state changed, which section
 * their caret is in now and was in before, and tells only those sections' views, except sections
 * a remote edit redrew since (their carets were redrawn with it). A view looks like an `Awareness` to the cursor plugin (the few members it
 * uses), so the plugin itself is the stock one. Carets also move with remote edits: the plugin
 * redraws a section's carets whenever its content changes, which needs nothing from here.
 *
 * No React here.
 */
import type { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { FramePhase, onNextFrame } from './frameTasks.ts'

type Listener = (...args: unknown[]) => void

/** The part of `Awareness` y-prosemirror's cursor plugin uses, for one section. */
export interface CaretAwareness {
  readonly clientID: number
  getStates(): Map<number, Record<string, unknown>>
  getLocalState(): Record<string, unknown> | null
  setLocalStateField(field: string, value: unknown): void
  on(event: string, listener: Listener): void
  off(event: string, listener: Listener): void
}

/**
 * Where a caret is: a section's fragment, nowhere shown (`null`), or not known yet: awareness is
 * relayed at once while an edit is relayed once stored, so a caret can arrive before the text it
 * points into.
 */
type Place = SharedType | null | typeof UNKNOWN
const UNKNOWN = Symbol('not resolvable yet')

interface Change {
  readonly added: number[]
  readonly updated: number[]
  readonly removed: number[]
}

/** A shared type, whatever its events (only its identity matters here). */
type SharedType = object

/** The top-level shared type `type` belongs to. */
const rootOf = (type: Y.AbstractType<unknown>): Y.AbstractType<unknown> => {
  let t = type
  while (t._item !== null && t._item.parent instanceof Y.AbstractType) t = t._item.parent
  return t
}

class SectionView implements CaretAwareness {
  readonly #awareness: Awareness
  readonly listeners = new Set<Listener>()

  constructor(awareness: Awareness) {
    this.#awareness = awareness
  }

  get clientID(): number {
    return this.#awareness.clientID
  }

  getStates() {
    return this.#awareness.getStates() as Map<number, Record<string, unknown>>
  }

  getLocalState() {
    return this.#awareness.getLocalState()
  }

  setLocalStateField(field: string, value: unknown): void {
    this.#awareness.setLocalStateField(field, value)
  }

  // The plugin listens to 'change' only; other events have nothing to say about one section.
  on(event: string, listener: Listener): void {
    if (event === 'change') this.listeners.add(listener)
  }

  off(event: string, listener: Listener): void {
    if (event === 'change') this.listeners.delete(listener)
  }
}

export class CaretHub {
  readonly #awareness: Awareness
  readonly #doc: Y.Doc
  readonly #views = new Map<SharedType, SectionView>()
  /** The section each remote caret was in when its section was last told (null: none). */
  readonly #placed = new Map<number, SharedType | null>()
  /** Carets pointing into text not received yet: placed when it arrives. */
  readonly #waiting = new Set<number>()
  readonly #changed = new Set<number>()
  /**
   * Sections whose content changed remotely since the last presence change: the plugin redrew their
   * carets with that change, from the current states, so they need no second redraw this frame.
   */
  readonly #redrawn = new Set<SharedType>()
  #scheduled = false

  constructor(awareness: Awareness, doc: Y.Doc) {
    this.#awareness = awareness
    this.#doc = doc
    awareness.on('change', this.#onChange)
    doc.on('afterTransaction', this.#onTransaction)
  }

  /** The awareness as the cursor plugin of the editor of `fragment` should see it. */
  viewFor(fragment: SharedType): CaretAwareness {
    let view = this.#views.get(fragment)
    if (!view) {
      view = new SectionView(this.#awareness)
      this.#views.set(fragment, view)
    }
    return view
  }

  destroy(): void {
    this.#awareness.off('change', this.#onChange)
    this.#doc.off('afterTransaction', this.#onTransaction)
    this.#views.clear()
  }

  /**
   * The text a waiting caret points into has arrived: the plugin of its section drew it with that
   * change, so only its place is recorded (to tell that section when the caret moves on).
   */
  #onTransaction = (transaction: Y.Transaction): void => {
    if (transaction.local) return
    if (this.#scheduled) {
      const changed = transaction.changedParentTypes as Map<unknown, unknown>
      for (const fragment of this.#views.keys()) if (changed.has(fragment)) this.#redrawn.add(fragment)
    }
    if (this.#waiting.size === 0) return
    const states = this.#awareness.getStates()
    for (const id of this.#waiting) {
      const place = states.has(id) ? this.#placeOf(states.get(id)) : null
      if (place === UNKNOWN) continue
      this.#placed.set(id, place)
      this.#waiting.delete(id)
    }
  }

  #onChange = ({ added, updated, removed }: Change): void => {
    const own = this.#awareness.clientID
    let remote = false
    for (const ids of [added, updated, removed])
      for (const id of ids)
        if (id !== own) {
          this.#changed.add(id)
          remote = true
        }
    if (remote) this.#redrawn.clear()
    if (this.#changed.size === 0 || this.#scheduled) return
    this.#scheduled = true
    // A hidden page draws no frames: the carets catch up on its first frame back.
    onNextFrame(FramePhase.carets, this.#flush)
  }

  #placeOf(state: unknown): Place {
    const cursor = (state as { cursor?: { head?: unknown } } | null)?.cursor
    if (!cursor || typeof cursor !== 'object' || cursor.head == null) return null
    try {
      const position = Y.createAbsolutePositionFromRelativePosition(
        Y.createRelativePositionFromJSON(cursor.head),
        this.#doc,
      )
      if (!position) return UNKNOWN
      const root = rootOf(position.type)
      return this.#views.has(root) ? root : null
    } catch {
      // A malformed caret from a peer: the plugin skips it too.
      return null
    }
  }

  #flush = (): void => {
    this.#scheduled = false
    const states = this.#awareness.getStates()
    const dirty = new Set<SectionView>()
    const tell = (place: SharedType | null | undefined) => {
      const view = place ? this.#views.get(place) : undefined
      if (view) dirty.add(view)
    }
    for (const id of this.#changed) {
      tell(this.#placed.get(id))
      const state = states.get(id)
      const now = state === undefined ? null : this.#placeOf(state)
      this.#waiting.delete(id)
      if (state === undefined) {
        this.#placed.delete(id)
      } else if (now === UNKNOWN) {
        // Left its section (told above); drawn in the new one when its text arrives.
        this.#placed.set(id, null)
        this.#waiting.add(id)
      } else {
        this.#placed.set(id, now)
        tell(now)
      }
    }
    this.#changed.clear()
    for (const [fragment, view] of this.#views) if (this.#redrawn.has(fragment)) dirty.delete(view)
    this.#redrawn.clear()
    for (const view of dirty) for (const listener of view.listeners) listener()
  }
}

const hubs = new WeakMap<Awareness, CaretHub>()

/** The hub of `awareness` (one per document: every section editor shares it). */
export const caretHubFor = (awareness: Awareness, doc: Y.Doc): CaretHub => {
  let hub = hubs.get(awareness)
  if (!hub) {
    hub = new CaretHub(awareness, doc)
    hubs.set(awareness, hub)
  }
  return hub
}
