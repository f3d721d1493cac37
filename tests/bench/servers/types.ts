/**
 * The one interface every server under test implements, so that a scenario runs the same workload
 * against each of them side by side. Each server runs as its own child process: its CPU and memory
 * are then read from /proc for that pid alone, never mixed with the load generator's.
 */

/**
 * How a client speaks to the server. `y-websocket`: one socket per document, named by the URL,
 * frames as in y-protocols. `hocuspocus`: every frame starts with the document name (varString),
 * and a document is opened with an Auth frame before anything else (see `load/wire.ts`).
 */
export type Dialect = 'y-websocket' | 'hocuspocus'

export interface RunningServer {
  /** The server process (CPU and memory are read for it and its descendants). */
  readonly pid: number
  /** The websocket URL a client opens for a room (document name), token included if needed. */
  wsUrlFor(room: string): string
  /** What the server printed, for error messages. */
  output(): string
  stop(): Promise<void>
}

export interface ServerUnderTest {
  /** Short name used on the command line and as a column of the report. */
  readonly name: string
  /** Package and version, for the report. */
  readonly label: string
  readonly dialect: Dialect
  /**
   * Whether the server keeps each document: true for every real server; false for the bare
   * broadcast relay, where a joiner is served by the peers online, so a join storm does not apply.
   */
  readonly keepsDocuments: boolean
  /** Null when the server can be started here, else why not (reported, never silently skipped). */
  unavailable(): string | null
  start(): Promise<RunningServer>
}
