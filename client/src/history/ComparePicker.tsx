/**
 * Compares any two versions (or a version with now), not only neighbours: after a workshop, "what
 * changed since the version named before it" spans several versions. The older of the two is
 * always the "before" side, whichever select it was picked in.
 */
import type { VersionRecord } from '@kenlabour/shared/history/versions'
import { type FormEvent, type ReactNode, useId, useState } from 'react'
import { useI18n } from '../i18n/context.ts'
import { formatWhen, historyMessages } from './messages.ts'

const NOW = 'now'

export interface ComparePickerProps {
  /** Oldest first. */
  readonly versions: readonly VersionRecord[]
  /** `to` null: now. */
  readonly onCompare: (from: string, to: string | null) => void
}

interface VersionSelectProps {
  readonly label: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly children: ReactNode
}

/** A labelled select; the label is outside it: wrapping it would name it with its chosen option too. */
const VersionSelect = ({ label, value, onChange, children }: VersionSelectProps) => {
  const id = useId()
  return (
    <div className="history-form-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="text-input" value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  )
}

export const ComparePicker = ({ versions, onCompare }: ComparePickerProps) => {
  const { lang } = useI18n()
  const m = historyMessages[lang]
  const [picked, setPicked] = useState({ from: versions[0]?.id ?? '', to: NOW })
  // A picked version thinned away meanwhile falls back to the oldest one.
  const known = (id: string) => id === NOW || versions.some((v) => v.id === id)
  const from = known(picked.from) ? picked.from : (versions[0]?.id ?? '')
  const to = known(picked.to) ? picked.to : NOW
  const newestFirst = [...versions].reverse()
  const labelOf = (v: VersionRecord) => `${formatWhen(v.at, lang)} · ${v.name ?? m.kinds[v.kind]}`
  const position = (id: string) => (id === NOW ? versions.length : versions.findIndex((v) => v.id === id))

  const compare = (event: FormEvent) => {
    event.preventDefault()
    const [older, newer] = position(from) <= position(to) ? [from, to] : [to, from]
    onCompare(older, newer === NOW ? null : newer)
  }
  const options = newestFirst.map((v) => (
    <option key={v.id} value={v.id}>
      {labelOf(v)}
    </option>
  ))
  return (
    <form className="history-form" onSubmit={compare}>
      <VersionSelect label={m.compareFrom} value={from} onChange={(v) => setPicked({ from: v, to })}>
        {options}
      </VersionSelect>
      <VersionSelect label={m.compareTo} value={to} onChange={(v) => setPicked({ from, to: v })}>
        <option value={NOW}>{m.nowOption}</option>
        {options}
      </VersionSelect>
      <button type="submit" className="button" disabled={from === to}>
        {m.compare}
      </button>
    </form>
  )
}
