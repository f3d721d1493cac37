import type { Participant } from '@kenlabour/shared/participants'

/** Participants as their name on their colour (the colour their caret has in the editor). */
export const AuthorChips = ({ people }: { readonly people: readonly Participant[] }) => (
  <ul className="history-authors">
    {people.map((p) => (
      <li
        key={p.id}
        className="history-author"
        style={{ borderColor: p.color, color: p.color }}
        title={p.device}
      >
        {p.name}
      </li>
    ))}
  </ul>
)
