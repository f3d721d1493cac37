/**
 * Runs async tasks one after the other. A room handles every frame and every server-side edit
 * through its queue, so that an update is applied, stored and broadcast before the next frame of
 * the room is looked at, even when the storage backend is asynchronous.
 */
export interface SerialQueue {
  /** Runs `task` after every task enqueued before it; rejects with the task's error. */
  run<T>(task: () => T | Promise<T>): Promise<T>
  /** Resolves once every task enqueued so far has finished (whatever their outcome). */
  idle(): Promise<void>
}

export const createSerialQueue = (): SerialQueue => {
  let tail: Promise<unknown> = Promise.resolve()
  return {
    run: (task) => {
      const result = tail.then(task)
      tail = result.catch(() => undefined)
      return result
    },
    idle: () => tail.then(() => undefined),
  }
}
