import { useSyncExternalStore } from 'react'

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('online', onChange)
  window.addEventListener('offline', onChange)
  return () => {
    window.removeEventListener('online', onChange)
    window.removeEventListener('offline', onChange)
  }
}

/**
 * Whether the browser says it is online: map tiles and the address lookup are asked for only then
 * (offline the maps show a plain background, and coordinates can still be typed or picked).
 */
export const useOnline = (): boolean => useSyncExternalStore(subscribe, () => navigator.onLine)
