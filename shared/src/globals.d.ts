/**
 * `shared/` compiles without DOM or Node typings so that nothing platform-specific creeps in.
 * It relies on one WHATWG global that browsers and Node both provide: URL (only the part used).
 */
declare class URL {
  constructor(url: string, base?: string)
  readonly href: string
  readonly protocol: string
}
