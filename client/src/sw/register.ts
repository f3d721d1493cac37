/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the service worker (vite-plugin-pwa, see `vite.config.ts`) that keeps the app shell
 * available offline, in production builds only (the dev server serves modules on the fly).
 *
 * A new version of the app is never forced on anyone: its worker waits, `updateAvailable` turns
 * true, and the page offers "Nouvelle version disponible — Recharger" (`UpdatePrompt`). Reloading
 * mid-edit loses nothing (edits are in IndexedDB), but it is the person's call.
 *
 * The registration code is imported lazily: it stays out of the first page's JavaScript.
 */

type Listener = () => void

let updateAvailable = false
let activate: (() => Promise<void>) | null = null
const listeners = new Set<Listener>()

const setUpdateAvailable = (value: boolean) => {
  updateAvailable = value
  for (const listener of listeners) listener()
}

export const serviceWorkerUpdate = {
  get: (): boolean => updateAvailable,
  subscribe: (listener: Listener): (() => void) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  /** Activates the waiting worker, then reloads the page (once the person asked for it). */
  apply: async (): Promise<void> => {
    if (activate) await activate()
    else window.location.reload()
  },
}

export const registerServiceWorker = (): void => {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  import('virtual:pwa-register')
    .then(({ registerSW }) => {
      const update = registerSW({
        onNeedRefresh: () => setUpdateAvailable(true),
        onRegisterError: (error: unknown) => {
          console.warn('Kenlabour: the offline app shell is unavailable', error)
        },
      })
      activate = () => update(true)
    })
    .catch((error: unknown) => {
      console.warn('Kenlabour: the offline app shell is unavailable', error)
    })
}
