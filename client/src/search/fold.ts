/**
 * Case- and accent-insensitive matching: "Élève", "eleve" and "ÉLÈVE" fold to the same term. Used
 * by the search index (`processTerm`) and by the highlighter, so both agree on what a match is.
 */
export const fold = (term: string): string =>
  term
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()

/** Words as the index sees them: runs of letters and digits (the rest separates words). */
export const WORD = /[\p{L}\p{N}]+/gu
