/**
 * Runs tasks one after the other. A room handles every frame and every server-side edit through
 * its queue, so that an update is applied, stored and broadcast before the next frame of the room
 * is looked at, even when the storage backend is asynchronous.
 *
 * Most frames need nothing asynchronous: `runOrQueue` runs a task at once when the queue is empty
 * and hands back its result as it is, so that the common path of a frame allocates no promise and
 * waits for no microtask (on a busy relay those were a tenth of the CPU per keystroke).
 */
export interface SerialQueue {
  /** Runs `task` after every task enqueued before it; rejects with the task's error. */
  run<T>(task: () => T | Promise<T>): Promise<T>
  /**
   * Runs `task` now if nothing is queued or running (throwing what it throws, returning what it
   * returns), else after the queued tasks (a promise). A promise returned by the task keeps the
   * queue busy until it settles.
   */
  runOrQueue<T>(task: () => T | Promise<T>): T | Promise<T>
  /** Resolves once every task enqueued so far has finished (whatever their outcome). */
  idle(): Promise<void>
}

const ignore = (): void => undefined

export const createSerialQueue = (): SerialQueue => {
  /** Settles when the last asynchronous task does; null when nothing asynchronous is pending. */
  let tail: Promise<void> | null = null
  /** A task is running synchronously: anything it enqueues must wait for it. */
  let inTask = false

  const track = <T>(result: Promise<T>): Promise<T> => {
    const settled = result.then(ignore, ignore)
    tail = settled
    void settled.then(() => {
      if (tail === settled) tail = null
    })
    return result
  }

  const runOrQueue = <T>(task: () => T | Promise<T>): T | Promise<T> => {
    if (tail !== null || inTask) return track((tail ?? Promise.resolve()).then(task))
    inTask = true
    let result: T | Promise<T>
    try {
      result = task()
    } finally {
      inTask = false
    }
    return result instanceof Promise ? track(result) : result
  }

  return {
    runOrQueue,
    run: (task) => {
      try {
        return Promise.resolve(runOrQueue(task))
      } catch (error) {
        return Promise.reject(error)
      }
    },
    idle: () => tail ?? Promise.resolve(),
  }
}
