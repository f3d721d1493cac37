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
  FACET_KEYS,
  type FacetKey,
  facetValues,
  SORT_KEYS,
  type SortKey,
} from '@kenlabour/shared/catalogQuery'
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'

/** Sort orders as positions in `entries`, as the snapshot cache stores them. */
export type SortOrders = Readonly<Record<SortKey, Int32Array>>

export type FacetCounts = Readonly<Record<FacetKey, ReadonlyMap<string, number>>>

export interface CatalogView {
  /** Matching entries (never trashed ones), in the query's sort order. */
  readonly shown: readonly CatalogEntry[]
  /** Per facet option, how many entries would match with it added (`facetCounts`'s rule). */
  readonly counts: FacetCounts
}

/** One entry with its facet values as numbers (deduplicated), in `FACET_KEYS` order. */
interface Row {
  readonly entry: CatalogEntry
  readonly codes: readonly (readonly number[])[]
}

/**
 * Numbers for facet values, one dictionary per facet, shared by every version of a model (codes
 * only ever get added, so older versions stay valid).
 */
class Dictionaries {
  readonly #codes = FACET_KEYS.map(() => new Map<string, number>())
  readonly #values = FACET_KEYS.map((): string[] => [])

  code(facet: number, value: string): number {
    const codes = this.#codes[facet]!
    let code = codes.get(value)
    if (code === undefined) {
      code = this.#values[facet]!.push(value) - 1
      codes.set(value, code)
    }
    return code
  }

  /** The code of a value, or -1 if no entry ever had it. */
  find(facet: number, value: string): number {
    return this.#codes[facet]!.get(value) ?? -1
  }

  value(facet: number, code: number): string {
    return this.#values[facet]![code]!
  }

  size(facet: number): number {
    return this.#values[facet]!.length
  }
}

const rowOf = (entry: CatalogEntry, dictionaries: Dictionaries): Row => ({
  entry,
  codes: FACET_KEYS.map((facet, f) => {
    const values = facetValues(entry, facet)
    const codes: number[] = []
    for (const value of values) {
      const code = dictionaries.code(f, value)
      if (!codes.includes(code)) codes.push(code)
    }
    return codes
  }),
})

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
  readonly #dictionaries: Dictionaries
  readonly #sorted = new Map<SortKey, readonly Row[]>()
  #present: FacetCounts | null = null
  #trashed = -1

  private constructor(rows: readonly Row[], dictionaries: Dictionaries) {
    this.#rows = rows
    this.entries = rows.map((row) => row.entry)
    this.#byId = new Map(rows.map((row) => [row.entry.id, row]))
    this.#dictionaries = dictionaries
  }

  /**
   * A model of `entries`; `orders` (positions in `entries`, e.g. from the snapshot cache) spare the
   * sorts, and are ignored unless each is a permutation of the entries.
   */
  static of(entries: readonly CatalogEntry[], orders?: Partial<SortOrders>): CatalogModel {
    const dictionaries = new Dictionaries()
    const model = new CatalogModel(
      entries.map((entry) => rowOf(entry, dictionaries)),
      dictionaries,
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
      fresh.set(entry.id, rowOf(entry, this.#dictionaries))
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
    const model = new CatalogModel(rows, this.#dictionaries)
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
  query(query: CatalogQuery, textMatches: ReadonlySet<string> | null): CatalogView {
    return this.#run(query, textMatches, true)
  }

  #run(query: CatalogQuery | null, textMatches: ReadonlySet<string> | null, list: boolean): CatalogView {
    const facets = FACET_KEYS.length
    // Per facet, the selected values as a lookup by code (null: no filter on that facet).
    const selected: (Uint8Array | null)[] = FACET_KEYS.map((facet, f) => {
      const values = query?.facets[facet] ?? []
      if (values.length === 0) return null
      const lookup = new Uint8Array(this.#dictionaries.size(f))
      for (const value of values) {
        const code = this.#dictionaries.find(f, value)
        if (code >= 0) lookup[code] = 1
      }
      return lookup
    })
    const counts = FACET_KEYS.map((_, f) => new Int32Array(this.#dictionaries.size(f)))
    const pass = new Uint8Array(facets)
    const shown: CatalogEntry[] = []
    for (const row of list && query ? this.#order(query.sort) : this.#rows) {
      if (row.entry.trashedAt !== null || (textMatches && !textMatches.has(row.entry.id))) continue
      let failed = 0
      for (let f = 0; f < facets; f++) {
        const lookup = selected[f]
        let ok = lookup === null
        if (!ok) {
          for (const code of row.codes[f]!) {
            if (lookup![code]) {
              ok = true
              break
            }
          }
        }
        pass[f] = ok ? 1 : 0
        if (!ok) failed++
      }
      if (failed === 0 && list) shown.push(row.entry)
      if (failed > 1) continue
      for (let f = 0; f < facets; f++) {
        // Counted for facet f when every other facet passes (f itself may fail).
        if (failed === 1 && pass[f]) continue
        const target = counts[f]!
        for (const code of row.codes[f]!) target[code] = target[code]! + 1
      }
    }
    const result = {} as Record<FacetKey, Map<string, number>>
    FACET_KEYS.forEach((facet, f) => {
      const map = new Map<string, number>()
      counts[f]!.forEach((n, code) => {
        if (n > 0) map.set(this.#dictionaries.value(f, code), n)
      })
      result[facet] = map
    })
    return { shown, counts: result }
  }
}
