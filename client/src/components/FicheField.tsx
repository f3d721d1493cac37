import { type ReactNode, useId } from 'react'

export interface FicheFieldProps {
  readonly label: string
  readonly children: ReactNode
  /** Heading level: 2 for sections, 3 for the short fields. */
  readonly level?: 2 | 3
  readonly className?: string
}

/** One part of a fiche page: its form label as a heading, then the value. */
export const FicheField = ({ label, children, level = 3, className }: FicheFieldProps) => {
  const id = useId()
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <section className={className ?? (level === 2 ? 'fiche-section' : 'fiche-field')} aria-labelledby={id}>
      <Heading id={id}>{label}</Heading>
      <div className="fiche-value">{children}</div>
    </section>
  )
}
