import { defineConfig } from 'vitest/config'

/**
 * End-to-end tests in headless Chromium against the built client served by a real relay.
 * Files run one after another: the machine has two cores and each file starts a relay and a browser.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    fileParallelism: false,
    globalSetup: ['tests/e2e/globalSetup.ts'],
  },
})
