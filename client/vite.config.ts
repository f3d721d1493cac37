/**
 * Build of the client. Two things beyond the React plugin:
 *
 * - The editor (TipTap, ProseMirror, y-tiptap) is only reachable through the lazily imported edit
 *   page (`React.lazy` in `src/App.tsx`), so it lands in that page's chunk with nothing else, and the
 *   directory and fiche pages load without it. No manual chunk groups: a group for the editor's
 *   packages either drags their shared dependencies (yjs, react) out of the entry or makes the two
 *   lazy chunks import each other.
 * - A service worker (`src/sw/serviceWorker.ts`, emitted as `/sw.js`) precaches the whole build so
 *   that a reload works while the relay is unreachable: the content itself comes from IndexedDB.
 *   The list of files to precache is prepended to `sw.js` once the bundle is known, so every build
 *   changes `sw.js` and browsers install the new version.
 */
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

/** A file of this folder as a path (no `node:` imports: the client's lint rules forbid them). */
const here = (file: string): string => decodeURIComponent(new URL(file, import.meta.url).pathname)

/** FNV-1a, enough to name a cache version. */
const hash = (text: string): string => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(16).padStart(8, '0')
}

const SW_ENTRY = 'sw'
const SW_FILE = 'sw.js'

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

const precacheManifest = (): Plugin => ({
  name: 'kenlabour-precache-manifest',
  apply: 'build',
  generateBundle(_options, bundle) {
    const sw = bundle[SW_FILE]
    if (sw?.type !== 'chunk') this.error(`${SW_FILE} is missing from the bundle`)
    const files = Object.keys(bundle)
      .filter((name) => name !== SW_FILE && !name.endsWith('.map') && name !== 'index.html')
      .sort()
      .map((name) => `/${name}`)
    // index.html is cached as "/" (the SPA shell every route falls back to).
    const urls = ['/', ...files]
    const version = hash(urls.join('\n'))
    sw.code = `self.__KENLABOUR_PRECACHE__ = ${JSON.stringify({ version, urls })};\n${sw.code}`
  },
})

export default defineConfig({
  plugins: [react(), editorStaysLazy(), precacheManifest()],
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
    rolldownOptions: {
      input: {
        index: here('./index.html'),
        [SW_ENTRY]: here('./src/sw/serviceWorker.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === SW_ENTRY ? SW_FILE : 'assets/[name]-[hash].js'),
      },
    },
  },
})
