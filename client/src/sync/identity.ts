/**
 * Who "I" am to the other editors of a fiche (the awareness `user` field that carets show): a
 * display name and a colour, kept in localStorage. There are no accounts: the name is whatever the
 * person types, "Participant·e N" until then.
 */

export interface Identity {
  readonly name: string
  /** `#rrggbb`: y-prosemirror only accepts 6-digit colours. */
  readonly color: string
}

const NAME_KEY = 'kenlabour.name'
const COLOR_KEY = 'kenlabour.color'
const MAX_NAME = 60

/** Readable on white and as a background behind white text. */
export const PALETTE = [
  '#b3261e',
  '#1f6f43',
  '#1d4e89',
  '#8a4b00',
  '#6b3fa0',
  '#00696b',
  '#a8326e',
  '#4d5d00',
]

const read = (key: string): string | null => {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

const write = (key: string, value: string): void => {
  try {
    localStorage.setItem(key, value)
  } catch {
    // Storage refused (private mode): the identity lasts for this page only.
  }
}

const randomInt = (max: number): number => crypto.getRandomValues(new Uint32Array(1))[0]! % max

const DEFAULT_NAME = /^Participant·e \d{1,2}$/

/**
 * True while the name is still the one given by default: the page then asks the person for theirs
 * (a workshop where everyone is "Participant·e 12" cannot tell who writes what).
 */
export const isDefaultName = (name: string): boolean => DEFAULT_NAME.test(name)

export const loadIdentity = (): Identity => {
  let name = read(NAME_KEY)?.trim().slice(0, MAX_NAME)
  if (!name) {
    name = `Participant·e ${1 + randomInt(99)}`
    write(NAME_KEY, name)
  }
  let color = read(COLOR_KEY)
  if (!color || !/^#[0-9a-f]{6}$/i.test(color)) {
    color = PALETTE[randomInt(PALETTE.length)]!
    write(COLOR_KEY, color)
  }
  return { name, color }
}

/** Saves a new display name; an empty one keeps the previous name. */
export const saveName = (name: string): Identity => {
  const trimmed = name.trim().slice(0, MAX_NAME)
  if (trimmed) write(NAME_KEY, trimmed)
  return loadIdentity()
}

/** Saves a colour picked from the palette; anything else keeps the previous colour. */
export const saveColor = (color: string): Identity => {
  if (PALETTE.includes(color)) write(COLOR_KEY, color)
  return loadIdentity()
}
