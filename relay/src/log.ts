/**
 * Structured logs: pino JSON lines on stdout, one object per event, so that they can be piped to
 * any collector. Everything else logs through a child of this logger.
 */
import pino, { type Logger } from 'pino'

export const createLogger = (level: string): Logger =>
  pino({ level, base: { service: 'kenlabour-relay' }, timestamp: pino.stdTimeFunctions.isoTime })
