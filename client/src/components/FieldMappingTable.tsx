/**
 * The field mapping step of a Bazar import: one select per field of the file, preset by the
 * automatic mapping (labels, then known Bazar ids), to a field of the fiche or "ignore". The form's
 * label is shown next to each field id when known.
 */
import { FIELD_LABELS, SECTION_LABELS, TITLE_LABEL } from '@kenlabour/shared/form'
import { type FieldMapping, IMPORT_TARGETS, type ImportTarget } from '@kenlabour/shared/import/targets'
import { useI18n } from '../i18n/context.ts'
import { useTransferMessages } from '../i18n/transferMessages.ts'

export interface FieldMappingTableProps {
  readonly fields: readonly string[]
  /** The fields' labels in the Bazar form, when the person gave it. */
  readonly labels?: Readonly<Record<string, string>>
  readonly mapping: FieldMapping
  readonly onChange: (mapping: FieldMapping) => void
}

export const FieldMappingTable = ({ fields, labels = {}, mapping, onChange }: FieldMappingTableProps) => {
  const { label } = useI18n()
  const m = useTransferMessages()
  const targetLabel = (target: ImportTarget): string => {
    if (target === 'ignore') return m.importIgnore
    if (target === 'title') return label(TITLE_LABEL)
    if (target in FIELD_LABELS) return label(FIELD_LABELS[target as keyof typeof FIELD_LABELS])
    if (target in SECTION_LABELS) return label(SECTION_LABELS[target as keyof typeof SECTION_LABELS])
    return (m.importOtherTargets as Partial<Record<ImportTarget, string>>)[target] ?? target
  }
  return (
    <fieldset className="import-mapping">
      <legend>{m.importMapping}</legend>
      <p className="muted">{m.importMappingHint}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{m.importSourceField}</th>
            <th scope="col">→</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field}>
              <td>
                <code>{field}</code>
                {Object.hasOwn(labels, field) && <> — {labels[field]}</>}
              </td>
              <td>
                <select
                  aria-label={m.importTarget(field)}
                  value={mapping[field] ?? 'ignore'}
                  onChange={(e) => onChange({ ...mapping, [field]: e.target.value as ImportTarget })}
                >
                  {IMPORT_TARGETS.map((target) => (
                    <option key={target} value={target}>
                      {targetLabel(target)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  )
}
