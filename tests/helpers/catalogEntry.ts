/** A catalog entry for tests: every field empty or null except the id (and the title = the id), plus `over`. */
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'

export const catalogEntry = (id: string, over: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id,
  title: id,
  actorType: null,
  scale: null,
  keywords: [],
  city: '',
  excerpt: '',
  createdAt: 0,
  updatedAt: 0,
  trashedAt: null,
  ...over,
})
