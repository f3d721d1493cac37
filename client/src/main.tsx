import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { I18nProvider } from './i18n/I18nProvider.tsx'
import { registerServiceWorker } from './sw/register.ts'
import { docStore } from './sync/docStore.ts'
import './styles.css'

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
// Edits made offline in an earlier visit sync in the background, whatever page is open.
docStore().resumePending()
