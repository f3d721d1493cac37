/**
 * The room's queue (relay/src/sync/serialQueue.ts): tasks run one at a time in the order they were
 * given, synchronously when nothing waits, and a task given while another runs waits for it.
 */
import { describe, expect, test } from 'vitest'
import { createSerialQueue } from '../../relay/src/sync/serialQueue.ts'

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1))

describe('serial queue', () => {
  test('runs a task at once when nothing waits, and hands back its result as it is', () => {
    const queue = createSerialQueue()
    const ran: string[] = []
    const result = queue.runOrQueue(() => {
      ran.push('now')
      return 42
    })
    expect(ran).toEqual(['now'])
    expect(result).toBe(42)
  })

  test('keeps order behind an asynchronous task, then runs at once again', async () => {
    const queue = createSerialQueue()
    const ran: string[] = []
    let release: () => void = () => {}
    const slow = queue.runOrQueue(
      () =>
        new Promise<void>((resolve) => {
          release = () => {
            ran.push('slow')
            resolve()
          }
        }),
    )
    const later = queue.runOrQueue(() => {
      ran.push('later')
    })
    expect(later).toBeInstanceOf(Promise)
    expect(ran).toEqual([])
    release()
    await slow
    await later
    expect(ran).toEqual(['slow', 'later'])
    await queue.idle()
    await tick()
    queue.runOrQueue(() => {
      ran.push('sync again')
    })
    expect(ran).toEqual(['slow', 'later', 'sync again'])
  })

  test('a task given by a running task waits for it', async () => {
    const queue = createSerialQueue()
    const ran: string[] = []
    let inner: unknown
    queue.runOrQueue(() => {
      inner = queue.runOrQueue(() => {
        ran.push('inner')
      })
      ran.push('outer')
    })
    await inner
    expect(ran).toEqual(['outer', 'inner'])
  })

  test('throws a synchronous task’s error to the caller, rejects from run, and keeps going', async () => {
    const queue = createSerialQueue()
    expect(() =>
      queue.runOrQueue(() => {
        throw new Error('boom')
      }),
    ).toThrow('boom')
    await expect(
      queue.run(() => {
        throw new Error('bang')
      }),
    ).rejects.toThrow('bang')
    await expect(queue.run(() => Promise.reject(new Error('later')))).rejects.toThrow('later')
    expect(await queue.run(() => 'fine')).toBe('fine')
  })
})
