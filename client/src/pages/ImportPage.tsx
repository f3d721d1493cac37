/**
 * Import into a space (lazy page: the parsers load only here). The file is read in the browser
 * first, with the same shared parser as the relay, to offer the field mapping of Bazar files and
 * show problems at once; then the relay validates the whole file again and writes it, all or
 * nothing, and answers what it did per entry. "Aperçu" asks the same without writing.
 */
import { canWrite } from '@kenlabour/shared/access'
import { parseJsonText } from '@kenlabour/shared/import/bazarJson'
import { type BazarVocabularies, readBazarVocabularies } from '@kenlabour/shared/import/bazarVocabularies'
import { ImportError, type ImportProblem } from '@kenlabour/shared/import/importError'
import {
  detectFormat,
  IMPORT_FORMATS,
  type ImportFormat,
  readImportSource,
} from '@kenlabour/shared/import/parseImport'
import { autoMapping, type FieldMapping } from '@kenlabour/shared/import/targets'
import { useEffect, useId, useRef, useState } from 'react'
import { Link } from 'wouter'
import { FieldMappingTable } from '../components/FieldMappingTable.tsx'
import { ImportReport } from '../components/ImportReport.tsx'
import { localParticipant } from '../history/participant.ts'
import { useI18n } from '../i18n/context.ts'
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

const problemsOf = (error: unknown, where: string): readonly ImportProblem[] =>
  error instanceof ImportError ? error.problems : [{ where, message: String(error) }]

const read = (file: LoadedFile, chosen: ImportFormat | 'auto'): Reading => {
  const format = chosen === 'auto' ? detectFormat(file.text, file.name) : chosen
  try {
    const source = readImportSource(file.text, format)
    return { format, fields: 'fields' in source ? source.fields : [], problems: [] }
  } catch (error) {
    return { format, fields: [], problems: problemsOf(error, file.name) }
  }
}

/**
 * The automatic mapping again with the form's labels, keeping every choice the person already
 * changed by hand (a field still on its old automatic target moves to the new one).
 */
const remap = (
  fields: readonly string[],
  current: FieldMapping,
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): FieldMapping => {
  const old = autoMapping(fields, before)
  const next = autoMapping(fields, after)
  return Object.fromEntries(
    fields.map((f) => [f, current[f] === undefined || current[f] === old[f] ? next[f]! : current[f]]),
  )
}

/** The lists or form file: its JSON as sent to the relay, and what was read from it. */
interface LoadedVocabularies {
  readonly raw: unknown
  readonly read: BazarVocabularies
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
  const { t } = useI18n()
  const id = useId()
  const [file, setFile] = useState<LoadedFile | null>(null)
  const [chosen, setChosen] = useState<ImportFormat | 'auto'>('auto')
  const [reading, setReading] = useState<Reading | null>(null)
  const [mapping, setMapping] = useState<FieldMapping>({})
  const [vocabularies, setVocabularies] = useState<LoadedVocabularies | null>(null)
  const [listsProblems, setListsProblems] = useState<readonly ImportProblem[]>([])
  // The labels the reading effect maps with, without re-running it when a lists file comes.
  const labels = useRef<Readonly<Record<string, string>>>({})
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
    setMapping(autoMapping(next.fields, labels.current))
    setOutcome(null)
  }, [file, chosen])

  const onFile = async (input: HTMLInputElement) => {
    const picked = input.files?.[0]
    setFile(picked ? { name: picked.name, text: await picked.text() } : null)
  }
  const onLists = async (input: HTMLInputElement) => {
    const picked = input.files?.[0]
    setListsProblems([])
    let loaded: LoadedVocabularies | null = null
    if (picked) {
      try {
        const raw = parseJsonText(await picked.text())
        loaded = { raw, read: readBazarVocabularies(raw) }
      } catch (error) {
        setListsProblems(problemsOf(error, picked.name))
      }
    }
    const before = labels.current
    const after = loaded?.read.labels ?? {}
    labels.current = after
    setVocabularies(loaded)
    const fields = reading?.fields ?? []
    setMapping((current) => remap(fields, current, before, after))
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
        by: localParticipant(),
        ...(bazar ? { mapping } : {}),
        ...(bazar && vocabularies ? { lists: vocabularies.raw } : {}),
      }),
    )
    setBusy(false)
  }

  const bazar = reading && (reading.format === 'bazar-json' || reading.format === 'bazar-csv')
  const ready =
    file !== null &&
    reading !== null &&
    reading.problems.length === 0 &&
    listsProblems.length === 0 &&
    !busy &&
    mayImport
  return (
    <div className="page import-page">
      <p className="no-print">
        <Link href={`/s/${space}`}>← {t.spaceTitle(space)}</Link>
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
              <p className="muted">{m.importListsHint}</p>
              {vocabularies && (
                <p role="status">
                  {m.importListsRead(vocabularies.read.names, Object.keys(vocabularies.read.labels).length)}
                </p>
              )}
              {listsProblems.length > 0 && <Problems problems={listsProblems} />}
            </div>
            <FieldMappingTable
              fields={reading.fields}
              labels={vocabularies?.read.labels ?? {}}
              mapping={mapping}
              onChange={setMapping}
            />
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
