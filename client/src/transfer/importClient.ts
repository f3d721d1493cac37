/**
 * The import request to the relay (`POST /api/spaces/<space>/import`), its answers typed: the
 * per-entry report, the problems of a refused file, or a plain error. No React here.
 */
import type { ImportProblem } from '@kenlabour/shared/import/importError'
import type { ImportFormat } from '@kenlabour/shared/import/parseImport'
import type { ImportAction, ImportReportLine } from '@kenlabour/shared/import/plan'
import type { FieldMapping } from '@kenlabour/shared/import/targets'
import type { Participant } from '@kenlabour/shared/participants'
import { withToken } from '../sync/accessTokens.ts'

export interface ImportRequest {
  readonly content: string
  readonly fileName: string
  readonly format?: ImportFormat
  readonly mapping?: FieldMapping
  /** The Bazar lists or form JSON as the person gave it (the relay reads it). */
  readonly lists?: unknown
  readonly dryRun: boolean
  /** Who imports: named in the history of every fiche the import writes. */
  readonly by: Participant
}

export interface ImportAnswer {
  readonly dryRun: boolean
  readonly counts: Record<ImportAction, number>
  readonly lines: readonly ImportReportLine[]
}

export type ImportOutcome =
  | { readonly kind: 'report'; readonly report: ImportAnswer }
  | { readonly kind: 'refused'; readonly problems: readonly ImportProblem[] }
  | { readonly kind: 'error'; readonly message: string }

export const sendImport = async (space: string, request: ImportRequest): Promise<ImportOutcome> => {
  let response: Response
  try {
    response = await fetch(withToken(`/api/spaces/${space}/import`, space), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    })
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) }
  }
  const body = (await response.json().catch(() => ({}))) as {
    error?: string
    problems?: ImportProblem[]
  } & Partial<ImportAnswer>
  if (response.ok && body.counts && body.lines) {
    return {
      kind: 'report',
      report: { dryRun: body.dryRun === true, counts: body.counts, lines: body.lines },
    }
  }
  if (response.status === 422 && body.problems) return { kind: 'refused', problems: body.problems }
  return { kind: 'error', message: body.error ?? `HTTP ${response.status}` }
}
