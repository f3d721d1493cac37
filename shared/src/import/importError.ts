/**
 * The one error an import throws: the file cannot be imported as a whole. It names where the
 * problem is (a line, an entry) so the person can fix the file; nothing was written when it is thrown.
 */

export interface ImportProblem {
  /** Where, in the person's terms: `ligne 4`, `entrée "TiCoop"`, `fiches[3]`. */
  readonly where: string
  readonly message: string
}

export class ImportError extends Error {
  readonly problems: readonly ImportProblem[]

  constructor(problems: readonly ImportProblem[]) {
    const shown = problems.slice(0, 5).map((p) => `${p.where}: ${p.message}`)
    const more = problems.length > 5 ? ` (+${problems.length - 5} autres)` : ''
    super(`${shown.join(' ; ')}${more}`)
    this.name = 'ImportError'
    this.problems = problems
  }
}

/** Shorthand for an error about the file as a whole. */
export const fileError = (message: string): ImportError => new ImportError([{ where: 'fichier', message }])
