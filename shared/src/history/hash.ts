/**
 * A fast synchronous string hash for content addressing inside the history document (the Web
 * Crypto digest is async, and this runs inside Yjs transactions). cyrb53 run with two seeds gives
 * ~106 bits: collisions are negligible for the few thousand blobs a fiche's history holds, and a
 * collision could only make two versions share a field's text, never corrupt the live fiche.
 */
const cyrb53 = (input: string, seed: number): number => {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/** 28 hex characters identifying `input`. */
export const contentHash = (input: string): string =>
  cyrb53(input, 0).toString(16).padStart(14, '0') + cyrb53(input, 0x9e3779b9).toString(16).padStart(14, '0')
