/**
 * The catalog prepared for the directory's queries: the same results as `filterCatalog` and
 * `facetCounts` (shared/catalogQuery, the reference the unit tests compare against), at a cost that
 * fits in a frame with 10,000 fiches.
 *
 * Why: every keystroke and facet click filters the whole catalog and recounts every facet option.
 * Done on the entries themselves (`includes` over string arrays, a collated sort) that costs tens of
 * milliseconds; here each entry's facet values are numbered once (a row), each sort order is
 * computed once per catalog version (and carried over incrementally, or read from the cached
 * snapshot), and one pass over the rows yields both the sorted results and every count.
 *
 * Immutable: a change gives a new model (`withChanges`) that shares the unchanged rows, so React can
 * compare models by identity.
 */
import {
  type CatalogQuery,
  compareEntries,
  type FacetKey,
  facetValues,
  SORT_KEYS,
  type SortKey,
} from '@kenlabour/shared/catalogQuery'
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'

/** Sort orders as positions in `entries`, as the snapshot cache stores them. */
export type SortOrders = Readonly<Record<SortKey, Int32Array>>

export type FacetCounts = Readonly<Record<FacetKey, ReadonlyMap<string, number>>>

/**
 * A number per fiche id, given once and kept for the page's lifetime (per space): the search
 * worker answers with one byte per number (`TextMatches.bySlot`) instead of thousands of ids, and a
 * row checks its byte instead of looking its id up in a set. Shared by every version of a model.
 */
export class SlotRegistry {
  readonly #slots = new Map<string, number>()
  /** The id of each slot. */
  readonly ids: string[] = []

  /** The slot of `id`, given now if it had none. */
  slot(id: string): number {
    let slot = this.#slots.get(id)
    if (slot === undefined) {
      slot = this.ids.push(id) - 1
      this.#slots.set(id, slot)
    }
    return slot
  }

  /** The slot of `id`, or -1. */
  find(id: string): number {
    return this.#slots.get(id) ?? -1
  }
}

/**
 * The ids the full-text search matched: anything with `has` (a set of ids), and from the search
 * worker also a byte per slot of the model's registry, the fast path.
 */
export interface TextMatches {
  has(id: string): boolean
  readonly bySlot?: { readonly registry: SlotRegistry; readonly mask: Uint8Array }
}

export interface CatalogView {
  /** Matching entries (never trashed ones), in the query's sort order. */
  readonly shown: readonly CatalogEntry[]
  /** Per facet option, how many entries would match with it added (`facetCounts`'s rule). */
  readonly counts: FacetCounts
}

/**
 * One entry with its facet values as numbers: the keywords (deduplicated), and the code of its
 * scale and actor type (-1: none). One shape for every row, read in the hot loop of `#run`.
 */
class Row {
  readonly entry: CatalogEntry
  readonly slot: number
  readonly keywords: readonly number[]
  readonly scale: number
  readonly actorType: number

  constructor(entry: CatalogEntry, { dictionaries, slots }: Shared) {
    this.entry = entry
    this.slot = slots.slot(entry.id)
    const keywords: number[] = []
    for (const value of facetValues(entry, 'keywords')) {
      const code = dictionaries.code('keywords', value)
      if (!keywords.includes(code)) keywords.push(code)
    }
    this.keywords = keywords
    this.scale = entry.scale ? dictionaries.code('scale', entry.scale) : -1
    this.actorType = entry.actorType ? dictionaries.code('actorType', entry.actorType) : -1
  }
}

/**
 * Numbers for facet values, one dictionary per facet, shared by every version of a model (codes
 * only ever get added, so older versions stay valid).
 */
class Dictionaries {
  readonly #codes: Record<FacetKey, Map<string, number>> = {
    keywords: new Map(),
    scale: new Map(),
    actorType: new Map(),
  }
  readonly #values: Record<FacetKey, string[]> = { keywords: [], scale: [], actorType: [] }

  code(facet: FacetKey, value: string): number {
    const codes = this.#codes[facet]
    let code = codes.get(value)
    if (code === undefined) {
      code = this.#values[facet].push(value) - 1
      codes.set(value, code)
    }
    return code
  }

  /** The selected values of a facet as a lookup by code, or null when none is selected. */
  lookup(facet: FacetKey, selected: readonly string[]): Uint8Array | null {
    if (selected.length === 0) return null
    const lookup = new Uint8Array(this.#values[facet].length)
    for (const value of selected) {
      const code = this.#codes[facet].get(value)
      if (code !== undefined) lookup[code] = 1
    }
    return lookup
  }

  counter(facet: FacetKey): Int32Array {
    return new Int32Array(this.#values[facet].length)
  }

  /** Counts by code as counts by value (values at zero left out). */
  counted(facet: FacetKey, counts: Int32Array): Map<string, number> {
    const map = new Map<string, number>()
    const values = this.#values[facet]
    for (let code = 0; code < counts.length; code++)
      if (counts[code]! > 0) map.set(values[code]!, counts[code]!)
    return map
  }
}

/** What every version of a model shares: facet value codes, slots. */
interface Shared {
  readonly dictionaries: Dictionaries
  readonly slots: SlotRegistry
}

/** Above this many changed entries, sorting again is cheaper than inserting each one. */
const INCREMENTAL_LIMIT = 256

const insertSorted = (rows: Row[], row: Row, compare: (a: CatalogEntry, b: CatalogEntry) => number): void => {
  let low = 0
  let high = rows.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (compare(rows[mid]!.entry, row.entry) <= 0) low = mid + 1
    else high = mid
  }
  rows.splice(low, 0, row)
}

const isPermutation = (order: Int32Array, length: number): boolean => {
  if (order.length !== length) return false
  const seen = new Uint8Array(length)
  for (const i of order) {
    if (i < 0 || i >= length || seen[i]) return false
    seen[i] = 1
  }
  return true
}

export class CatalogModel {
  /** Every entry, trashed ones included, in the order given. */
  readonly entries: readonly CatalogEntry[]
  readonly #rows: readonly Row[]
  readonly #byId: ReadonlyMap<string, Row>
  readonly #shared: Shared
  readonly #sorted = new Map<SortKey, readonly Row[]>()
  /** Per set of text matches, the rows it keeps in each order: facet clicks then skip the lookups. */
  readonly #matching = new WeakMap<TextMatches, Map<SortKey | null, readonly Row[]>>()
  #present: FacetCounts | null = null
  #trashed = -1

  private constructor(rows: readonly Row[], shared: Shared) {
    this.#rows = rows
    this.entries = rows.map((row) => row.entry)
    this.#byId = new Map(rows.map((row) => [row.entry.id, row]))
    this.#shared = shared
  }

  /**
   * A model of `entries`; `orders` (positions in `entries`, e.g. from the snapshot cache) spare the
   * sorts, and are ignored unless each is a permutation of the entries.
   */
  static of(
    entries: readonly CatalogEntry[],
    orders?: Partial<SortOrders>,
    slots: SlotRegistry = new SlotRegistry(),
  ): CatalogModel {
    const shared: Shared = { dictionaries: new Dictionaries(), slots }
    const model = new CatalogModel(
      entries.map((entry) => new Row(entry, shared)),
      shared,
    )
    for (const sort of SORT_KEYS) {
      const order = orders?.[sort]
      if (order && isPermutation(order, entries.length)) {
        model.#sorted.set(
          sort,
          Array.from(order, (i) => model.#rows[i]!),
        )
      }
    }
    return model
  }

  static readonly empty: CatalogModel = CatalogModel.of([])

  get size(): number {
    return this.#rows.length
  }

  get(id: string): CatalogEntry | undefined {
    return this.#byId.get(id)?.entry
  }

  /** How many entries are in the trash. */
  get trashedCount(): number {
    if (this.#trashed < 0) this.#trashed = this.#rows.filter((row) => row.entry.trashedAt !== null).length
    return this.#trashed
  }

  #order(sort: SortKey): readonly Row[] {
    let rows = this.#sorted.get(sort)
    if (!rows) {
      const compare = compareEntries(sort)
      rows = [...this.#rows].sort((a, b) => compare(a.entry, b.entry))
      this.#sorted.set(sort, rows)
    }
    return rows
  }

  /** Each sort order as positions in `entries` (computing those not computed yet), for the cache. */
  orders(): SortOrders {
    const position = new Map<Row, number>(this.#rows.map((row, i) => [row, i]))
    const out = {} as Record<SortKey, Int32Array>
    for (const sort of SORT_KEYS) out[sort] = Int32Array.from(this.#order(sort), (row) => position.get(row)!)
    return out
  }

  /**
   * The model after some entries were added or changed (`upserts`, matched by id) and others removed.
   * Sort orders already computed are carried over: rows inserted in place when few changed.
   */
  withChanges(upserts: readonly CatalogEntry[], removed: readonly string[] = []): CatalogModel {
    if (upserts.length === 0 && removed.length === 0) return this
    const gone = new Set(removed)
    const fresh = new Map<string, Row>()
    for (const entry of upserts) {
      gone.delete(entry.id)
      fresh.set(entry.id, new Row(entry, this.#shared))
    }
    const replaced = (row: Row) => gone.has(row.entry.id) || fresh.has(row.entry.id)
    const rows: Row[] = []
    for (const row of this.#rows) {
      if (gone.has(row.entry.id)) continue
      const next = fresh.get(row.entry.id)
      rows.push(next ?? row)
    }
    const added = [...fresh.values()].filter((row) => !this.#byId.has(row.entry.id))
    rows.push(...added)
    const model = new CatalogModel(rows, this.#shared)
    if (fresh.size + gone.size <= INCREMENTAL_LIMIT) {
      for (const [sort, sorted] of this.#sorted) {
        const compare = compareEntries(sort)
        const kept = sorted.filter((row) => !replaced(row))
        for (const row of fresh.values()) insertSorted(kept, row, compare)
        model.#sorted.set(sort, kept)
      }
    }
    return model
  }

  /** Every facet value of the listed (not trashed) entries, with its count: options stay listed at 0. */
  present(): FacetCounts {
    this.#present ??= this.#run(null, null, false).counts
    return this.#present
  }

  /**
   * The entries matching `query`'s facets and `textMatches` (the ids the search found; null when
   * the query has no text to search), sorted, with the live facet counts: `filterCatalog` and
   * `facetCounts` in one pass.
   */
  query(query: CatalogQuery, textMatches: TextMatches | null): CatalogView {
    return this.#run(query, textMatches, true)
  }

  /** The listed rows (not trashed) among the text matches, in `sort` order (null: any order). */
  #candidates(sort: SortKey | null, textMatches: TextMatches | null): readonly Row[] {
    const key = textMatches ?? CatalogModel.#allRows
    let bySort = this.#matching.get(key)
    if (!bySort) {
      bySort = new Map()
      this.#matching.set(key, bySort)
    }
    let rows = bySort.get(sort)
    if (!rows) {
      if (!textMatches) {
        rows = (sort ? this.#order(sort) : this.#rows).filter((row) => row.entry.trashedAt === null)
      } else {
        // Filtered from the listed rows in that order (kept for every later text).
        const listed = this.#candidates(sort, null)
        const mask = textMatches.bySlot?.registry === this.#shared.slots ? textMatches.bySlot.mask : null
        rows = mask
          ? listed.filter((row) => mask[row.slot] === 1)
          : listed.filter((row) => textMatches.has(row.entry.id))
      }
      bySort.set(sort, rows)
    }
    return rows
  }

  static readonly #allRows: TextMatches = new Set<string>()

  /**
   * The hot loop: for each listed row (among the text matches), whether each facet's selection
   * keeps it; kept by all, it is shown; kept by all but one facet, it counts for that facet's
   * options (the usual faceted-search rule, as `facetCounts`).
   */
  #run(query: CatalogQuery | null, textMatches: TextMatches | null, list: boolean): CatalogView {
    const dictionaries = this.#shared.dictionaries
    const keywordsSelected = dictionaries.lookup('keywords', query?.facets.keywords ?? [])
    const scaleSelected = dictionaries.lookup('scale', query?.facets.scale ?? [])
    const actorSelected = dictionaries.lookup('actorType', query?.facets.actorType ?? [])
    const keywordCounts = dictionaries.counter('keywords')
    const scaleCounts = dictionaries.counter('scale')
    const actorCounts = dictionaries.counter('actorType')
    const shown: CatalogEntry[] = []
    for (const row of this.#candidates(list && query ? query.sort : null, textMatches)) {
      const keywords = row.keywords
      let keywordsOk = keywordsSelected === null
      if (!keywordsOk) {
        for (let i = 0; i < keywords.length; i++) {
          if (keywordsSelected![keywords[i]!] === 1) {
            keywordsOk = true
            break
          }
        }
      }
      const scaleOk = scaleSelected === null || (row.scale >= 0 && scaleSelected[row.scale] === 1)
      const actorOk = actorSelected === null || (row.actorType >= 0 && actorSelected[row.actorType] === 1)
      if (keywordsOk && scaleOk && actorOk && list) shown.push(row.entry)
      if (scaleOk && actorOk) for (let i = 0; i < keywords.length; i++) keywordCounts[keywords[i]!]!++
      if (keywordsOk && actorOk && row.scale >= 0) scaleCounts[row.scale]!++
      if (keywordsOk && scaleOk && row.actorType >= 0) actorCounts[row.actorType]!++
    }
    return {
      shown,
      counts: {
        keywords: dictionaries.counted('keywords', keywordCounts),
        scale: dictionaries.counted('scale', scaleCounts),
        actorType: dictionaries.counted('actorType', actorCounts),
      },
    }
  }
}
