export interface ChipsProps {
  readonly items: readonly string[]
  /** Accessible name of the list. */
  readonly label?: string
}

/** Keywords and tags as a list of chips. */
export const Chips = ({ items, label }: ChipsProps) =>
  items.length === 0 ? null : (
    <ul className="chips" aria-label={label}>
      {items.map((item) => (
        <li key={item} className="chip">
          {item}
        </li>
      ))}
    </ul>
  )
