/**
 * Build of the client. Two things beyond the React plugin:
 *
 * - The editor (TipTap, ProseMirror, y-tiptap) is only reachable through the lazily imported edit
 *   page (`React.lazy` in `src/App.tsx`), so it lands in that page's chunk with nothing else, and the
 *   directory and fiche pages load without it. No manual chunk groups: a group for the editor's
 *   packages either drags their shared dependencies (yjs, react) out of the entry or makes the two
 *   lazy chunks import each other.
 * - The app shell offline, with vite-plugin-pwa (Workbox `generateSW`): `/sw.js` precaches every
 *   built file, answers navigations with the cached `index.html` (every route is the SPA) except
 *   `/api` and `/sync`, and waits to be activated: `src/sw/register.ts` announces a new version
 *   and reloads only when the person asks. Fiche content never goes through it: it lives in
 *   IndexedDB and syncs over the websocket. Also writes the web manifest (installable app).
 */
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

const EDITOR_MODULES =
  /node_modules[\\/](@tiptap|prosemirror-|orderedmap|rope-sequence|w3c-keyname|linkifyjs)/

/** Fails the build if the editor ends up in the first page's JavaScript (a static import slipped in). */
const editorStaysLazy = (): Plugin => ({
  name: 'kenlabour-editor-stays-lazy',
  apply: 'build',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk' || !chunk.isEntry) continue
      const editorModule = Object.keys(chunk.modules).find((id) => EDITOR_MODULES.test(id))
      if (editorModule) this.error(`${chunk.fileName} statically includes the editor (${editorModule})`)
    }
  },
})

/** The first page's budget: the entry chunk and what it imports statically, gzipped (KiB). */
const INITIAL_JS_BUDGET = 150 * 1024

/** Web streams' gzip (no `node:` imports: the client's lint rules forbid them). */
const gzipSize = async (code: string): Promise<number> => {
  const stream = new Blob([code]).stream().pipeThrough(new CompressionStream('gzip'))
  return (await new Response(stream).arrayBuffer()).byteLength
}

/** Fails the build if the first page's JavaScript grows over the budget. */
const initialJsBudget = (): Plugin => ({
  name: 'kenlabour-initial-js-budget',
  apply: 'build',
  async generateBundle(_options, bundle) {
    const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry)
    if (entry?.type !== 'chunk') return
    const files = new Set<string>([entry.fileName])
    for (const name of files) {
      const chunk = bundle[name]
      if (chunk?.type === 'chunk') for (const imported of chunk.imports) files.add(imported)
    }
    let total = 0
    for (const name of files) {
      const chunk = bundle[name]
      if (chunk?.type === 'chunk') total += await gzipSize(chunk.code)
    }
    if (total > INITIAL_JS_BUDGET) {
      this.error(`initial JavaScript is ${(total / 1024).toFixed(1)} KB gzip, over the 150 KB budget`)
    }
  },
})

/** The web manifest: French first, as the interface; icons drawn by `scripts/icons.ts` (repository root). */
const pwa = () =>
  VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    filename: 'sw.js',
    includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
    manifest: {
      name: 'Kenlabour',
      short_name: 'Kenlabour',
      description: "Des fiches d'initiatives locales inspirantes, écrites ensemble.",
      lang: 'fr',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#1f5f5b',
      icons: [
        { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      navigateFallback: 'index.html',
      navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/sync(\/|$)/],
      cleanupOutdatedCaches: true,
      // The edit page's chunk (TipTap) is the largest file; it must be offline too.
      maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
    },
  })

export default defineConfig({
  plugins: [react(), editorStaysLazy(), initialJsBudget(), pwa()],
  server: {
    proxy: {
      '/sync': { target: 'ws://127.0.0.1:8080', ws: true },
      '/api': { target: 'http://127.0.0.1:8080' },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
})
