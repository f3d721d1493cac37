import { defineConfig } from 'vitest/config'

/** Unit and integration tests (Node): the model, the parser, the relay over real sockets. */
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
