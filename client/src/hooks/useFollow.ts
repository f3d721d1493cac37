import { useEffect } from 'react'
import type { Awareness } from 'y-protocols/awareness'

const isVisible = (element: Element): boolean => {
  const rect = element.getBoundingClientRect()
  return rect.bottom > 0 && rect.top < window.innerHeight
}

/**
 * Follow mode: keeps the followed person's caret (in a section) or field (elsewhere) in view,
 * at most once per animation frame however fast their awareness changes. Calls `onGone` when
 * they leave the fiche.
 */
export const useFollow = (awareness: Awareness | null, clientId: number | null, onGone: () => void): void => {
  useEffect(() => {
    if (!awareness || clientId === null) return
    let frame = 0
    const reveal = () => {
      frame = 0
      const state = awareness.getStates().get(clientId) as { field?: unknown } | undefined
      if (!state) {
        onGone()
        return
      }
      const caret = document.querySelector(`.collaboration-carets__caret[data-client-id="${clientId}"]`)
      const field =
        typeof state.field === 'string'
          ? document.querySelector(`[data-field="${CSS.escape(state.field)}"]`)
          : null
      const target = caret ?? field
      if (target && !isVisible(target)) target.scrollIntoView({ block: 'center' })
      for (const el of document.querySelectorAll('.followed'))
        if (el !== field) el.classList.remove('followed')
      field?.classList.add('followed')
    }
    const schedule = () => {
      frame ||= requestAnimationFrame(reveal)
    }
    awareness.on('change', schedule)
    schedule()
    return () => {
      awareness.off('change', schedule)
      if (frame) cancelAnimationFrame(frame)
      for (const el of document.querySelectorAll('.followed')) el.classList.remove('followed')
    }
  }, [awareness, clientId, onGone])
}
