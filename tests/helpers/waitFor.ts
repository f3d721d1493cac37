/**
 * Waits for a condition instead of sleeping a fixed time: polls `predicate` until it holds, and
 * fails with `message` (and the last error the predicate threw, if any) after `timeoutMs`.
 */
export const waitFor = async (
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  message = 'condition',
): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      if (await predicate()) return
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : ''
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}${cause}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Resolves with the first value `produce` returns that is not undefined. */
export const waitForValue = async <T>(
  produce: () => T | undefined,
  timeoutMs = 10_000,
  message = 'value',
): Promise<T> => {
  let value: T | undefined
  await waitFor(
    () => {
      value = produce()
      return value !== undefined
    },
    timeoutMs,
    message,
  )
  return value as T
}
