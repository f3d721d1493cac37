/**
 * Import into a space (lazy page: the parsers load only here). The file is read in the browser
 * first, with the same shared parser as the relay, to offer the field mapping of Bazar files and
 * show problems at once; then the relay validates the whole file again and writes it, all or
 * nothing, and answers what it did per entry. "Aperçu" asks the same without writing.
 */
import { canWrite } from '@kenlabour/shared/access'
import { ImportError, type ImportProblem } from '@kenlabour/shared/import/importError'
import {
  detectFormat,
  IMPORT_FORMATS,
  type ImportFormat,
  readImportSource,
} from '@kenlabour/shared/import/parseImport'
import { autoMapping, type FieldMapping } from '@kenlabour/shared/import/targets'
import { useEffect, useId, useState } from 'react'
import { Link } from 'wouter'
import { FieldMappingTable } from '../components/FieldMappingTable.tsx'
import { ImportReport } from '../components/ImportReport.tsx'
import { useTransferMessages } from '../i18n/transferMessages.ts'
import { roleFor } from '../sync/accessTokens.ts'
import { type ImportOutcome, sendImport } from '../transfer/importClient.ts'
import '../transfer/transfer.css'

interface LoadedFile {
  readonly name: string
  readonly text: string
}

interface Reading {
  readonly format: ImportFormat
  readonly fields: readonly string[]
  readonly problems: readonly ImportProblem[]
}

const read = (file: LoadedFile, chosen: ImportFormat | 'auto'): Reading => {
  const format = chosen === 'auto' ? detectFormat(file.text, file.name) : chosen
  try {
    const source = readImportSource(file.text, format)
    return { format, fields: 'fields' in source ? source.fields : [], problems: [] }
  } catch (error) {
    const problems =
      error instanceof ImportError ? error.problems : [{ where: file.name, message: String(error) }]
    return { format, fields: [], problems }
  }
}

const Problems = ({ problems }: { readonly problems: readonly ImportProblem[] }) => {
  const m = useTransferMessages()
  return (
    <div role="alert" className="import-problems">
      <p>{m.importRefused}</p>
      <ul>
        {problems.map((p) => (
          <li key={`${p.where}-${p.message}`}>
            <strong>{p.where}</strong> : {p.message}
          </li>
        ))}
      </ul>
    </div>
  )
}

export default function ImportPage({ space }: { readonly space: string }) {
  const m = useTransferMessages()
  const id = useId()
  const [file, setFile] = useState<LoadedFile | null>(null)
  const [chosen, setChosen] = useState<ImportFormat | 'auto'>('auto')
  const [reading, setReading] = useState<Reading | null>(null)
  const [mapping, setMapping] = useState<FieldMapping>({})
  const [lists, setLists] = useState<Record<string, unknown> | undefined>(undefined)
  const [listsError, setListsError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null)
  const role = roleFor(space)
  const mayImport = role !== null && canWrite(role)

  useEffect(() => {
    document.title = `${m.importTitle} — ${space}`
  }, [m.importTitle, space])

  useEffect(() => {
    if (!file) return setReading(null)
    const next = read(file, chosen)
    setReading(next)
    setMapping(autoMapping(next.fields))
    setOutcome(null)
  }, [file, chosen])

  const onFile = async (input: HTMLInputElement) => {
    const picked = input.files?.[0]
    setFile(picked ? { name: picked.name, text: await picked.text() } : null)
  }
  const onLists = async (input: HTMLInputElement) => {
    const picked = input.files?.[0]
    setListsError(null)
    if (!picked) return setLists(undefined)
    try {
      setLists(JSON.parse(await picked.text()) as Record<string, unknown>)
    } catch (error) {
      setLists(undefined)
      setListsError(String(error))
    }
  }

  const run = async (dryRun: boolean) => {
    if (!file || !reading) return
    setBusy(true)
    setOutcome(null)
    const bazar = reading.format === 'bazar-json' || reading.format === 'bazar-csv'
    setOutcome(
      await sendImport(space, {
        content: file.text,
        fileName: file.name,
        format: reading.format,
        dryRun,
        ...(bazar ? { mapping } : {}),
        ...(bazar && lists ? { lists } : {}),
      }),
    )
    setBusy(false)
  }

  const bazar = reading && (reading.format === 'bazar-json' || reading.format === 'bazar-csv')
  const ready = file !== null && reading !== null && reading.problems.length === 0 && !busy && mayImport
  return (
    <div className="page import-page">
      <p className="no-print">
        <Link href={`/s/${space}`}>← {space}</Link>
      </p>
      <h1>{m.importTitle}</h1>
      <p className="intro">{m.importIntro}</p>
      {!mayImport && <p className="notice">{m.importNeedsEditor}</p>}
      <form className="import-form" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor={`${id}-file`}>{m.importFile}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".json,.csv,.txt,application/json,text/csv,text/plain"
            onChange={(e) => void onFile(e.currentTarget)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-format`}>{m.importFormat}</label>
          <select
            id={`${id}-format`}
            value={chosen}
            onChange={(e) => setChosen(e.target.value as ImportFormat | 'auto')}
          >
            <option value="auto">
              {m.importFormats.auto}
              {reading && chosen === 'auto' ? ` (${m.importFormats[reading.format]})` : ''}
            </option>
            {IMPORT_FORMATS.map((format) => (
              <option key={format} value={format}>
                {m.importFormats[format]}
              </option>
            ))}
          </select>
        </div>
        {reading && reading.problems.length > 0 && <Problems problems={reading.problems} />}
        {bazar && reading.problems.length === 0 && (
          <>
            <div>
              <label htmlFor={`${id}-lists`}>{m.importLists}</label>
              <input
                id={`${id}-lists`}
                type="file"
                accept=".json,application/json"
                onChange={(e) => void onLists(e.currentTarget)}
              />
              {listsError && (
                <p role="alert" className="field-error">
                  {listsError}
                </p>
              )}
            </div>
            <FieldMappingTable fields={reading.fields} mapping={mapping} onChange={setMapping} />
          </>
        )}
        <div className="form-actions">
          <button type="button" className="button" disabled={!ready} onClick={() => void run(true)}>
            {m.importPreview}
          </button>{' '}
          <button
            type="button"
            className="button button-primary"
            disabled={!ready}
            onClick={() => void run(false)}
          >
            {busy ? m.importRunning : m.importRun}
          </button>
        </div>
      </form>
      {outcome?.kind === 'refused' && <Problems problems={outcome.problems} />}
      {outcome?.kind === 'error' && (
        <p role="alert" className="import-problems">
          {m.importFailed(outcome.message)}
        </p>
      )}
      {outcome?.kind === 'report' && <ImportReport space={space} {...outcome.report} />}
    </div>
  )
}
