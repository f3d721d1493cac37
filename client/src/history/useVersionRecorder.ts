import { useEffect, useState } from 'react'
import type { DocHandle } from '../sync/docStore.ts'
import { localParticipant } from './participant.ts'
import { type Recorder, startRecorder } from './recorder.ts'
import { historyQuietMs } from './settings.ts'
import { useHistoryDoc } from './useHistoryDoc.ts'

/**
 * Records versions of the fiche while the component is mounted (the edit page; the history page
 * for restores). The session version is recorded when it unmounts.
 */
export const useVersionRecorder = (fiche: DocHandle | null): Recorder | null => {
  const history = useHistoryDoc(fiche?.space ?? 'x', fiche?.id ?? 'x')
  const [recorder, setRecorder] = useState<Recorder | null>(null)
  useEffect(() => {
    if (!fiche || !history) return
    const started = startRecorder(fiche, history, {
      quietMs: historyQuietMs(),
      participant: localParticipant,
    })
    setRecorder(started)
    const onLeave = () => started.stop()
    window.addEventListener('pagehide', onLeave)
    return () => {
      window.removeEventListener('pagehide', onLeave)
      started.stop()
      setRecorder(null)
    }
  }, [fiche, history])
  return recorder
}
