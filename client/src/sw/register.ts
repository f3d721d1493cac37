/**
 * Registers the service worker that keeps the app shell available offline (production builds only:
 * the dev server serves modules on the fly).
 */
export const registerServiceWorker = (): void => {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('Kenlabour: the offline app shell is unavailable', error)
    })
  })
}
