import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { I18nProvider } from './i18n/I18nProvider.tsx'
import { registerServiceWorker } from './sw/register.ts'
import { captureTokenFromLocation } from './sync/accessTokens.ts'
import { docStore } from './sync/docStore.ts'
import { requestPersistentStorage, watchStorageErrors } from './sync/storage.ts'
import './styles.css'

// A capability link's token is stored for its space and removed from the address bar first.
captureTokenFromLocation(window.location, (url) => window.history.replaceState(window.history.state, '', url))

const root = document.getElementById('root')
if (!root) throw new Error('#root is missing from index.html')

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
)

registerServiceWorker()
// Offline first: ask the browser to keep our IndexedDB, and say so when the disk is full.
watchStorageErrors()
void requestPersistentStorage()
// Edits made offline in an earlier visit sync in the background, whatever page is open.
docStore().resumePending()
