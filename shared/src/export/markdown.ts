/**
 * A fiche as a Markdown file: YAML front matter with every field (stable keys, as in the JSON
 * export, plus the licence), then the title and each non-empty section under its form label.
 * One file per fiche, named after its id, so a space exports as a folder that diffs well in git.
 */
import { stringify } from 'yaml'
import type { Fiche } from '../fiche.ts'
import { SECTION_KEYS, SECTION_LABELS } from '../form.ts'
import { richToMarkdown } from './richMarkdown.ts'

const iso = (ms: number): string => new Date(ms).toISOString()

export const markdownFileName = (fiche: Fiche): string => `${fiche.id}.md`

export const ficheToMarkdown = (fiche: Fiche, licence: string): string => {
  const front = {
    id: fiche.id,
    title: fiche.title,
    actorName: fiche.actorName,
    author: fiche.author,
    actorType: fiche.actorType,
    scale: fiche.scale,
    scaleOther: fiche.scaleOther,
    keywords: fiche.keywords,
    city: fiche.city,
    location: fiche.location ?? null,
    contacts: fiche.contacts,
    website: fiche.website,
    tags: fiche.tags,
    partners: fiche.partners,
    createdAt: iso(fiche.createdAt),
    ...(fiche.trashedAt !== null ? { trashedAt: iso(fiche.trashedAt) } : {}),
    licence,
  }
  const sections = SECTION_KEYS.filter((k) => fiche.sections[k].length > 0).map(
    (k) => `## ${SECTION_LABELS[k].fr}\n\n${richToMarkdown(fiche.sections[k])}`,
  )
  const title = fiche.title.replace(/([\\`*_[\]<>#])/g, '\\$1')
  return `---\n${stringify(front, { lineWidth: 0 })}---\n\n# ${title}\n\n${sections.join('\n\n')}\n`
}
