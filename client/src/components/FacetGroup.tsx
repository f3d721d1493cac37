import { memo, useId } from 'react'

export interface FacetOption {
  readonly key: string
  readonly label: string
  readonly count: number
}

export interface FacetGroupProps {
  readonly legend: string
  readonly options: readonly FacetOption[]
  readonly selected: ReadonlySet<string>
  readonly onToggle: (key: string) => void
}

/**
 * One facet of the directory (Mots clefs, Echelle d'action, Type d'acteur): checkboxes with live
 * counts. An option at zero under the other filters stays in place, greyed and disabled (unless
 * selected), so the list does not jump while filtering. Memoised: typing re-renders the page, and a
 * group whose options, selection and handler are the same objects is skipped.
 */
export const FacetGroup = memo(function FacetGroup({ legend, options, selected, onToggle }: FacetGroupProps) {
  const id = useId()
  if (options.length === 0) return null
  return (
    <fieldset className="facet">
      <legend>{legend}</legend>
      <ul>
        {options.map((option) => (
          <li key={option.key} className={option.count === 0 ? 'facet-zero' : undefined}>
            <input
              type="checkbox"
              id={`${id}-${option.key}`}
              checked={selected.has(option.key)}
              disabled={option.count === 0 && !selected.has(option.key)}
              onChange={() => onToggle(option.key)}
            />
            <label htmlFor={`${id}-${option.key}`}>
              {option.label} <span className="facet-count">({option.count})</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  )
})
