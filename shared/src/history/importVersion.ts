/**
 * An import's write into a fiche, recorded in the fiche's history like a person's edit, so that
 * the timeline says what an import changed and compares show it in the importer's colour:
 * - a fiche the import creates starts its history with the imported text as its origin;
 * - a fiche it updates gets an `import` version, after an origin holding the fiche as it was if
 *   its history had no version yet (else the import would compare with an empty fiche);
 * - the importer is a participant of the fiche (its Yjs client id → who imported), and what the
 *   import deleted goes into the history's deletion log under that client id.
 * Pure Yjs: the relay runs it on scratch copies of both documents and stores the updates it made.
 */

import type * as Y from 'yjs'
import type { Fiche } from '../fiche.ts'
import { hasFiche, writeFiche } from '../ficheDoc.ts'
import { type Participant, registerParticipant } from '../participants.ts'
import { DeletionLog, writeDeletions } from './deletions.ts'
import { listVersions, recordOrigin, recordVersion } from './versions.ts'

export const writeImportedFiche = (
  doc: Y.Doc,
  history: Y.Doc,
  fiche: Fiche,
  by: Participant,
  now: number,
): void => {
  const existed = hasFiche(doc)
  if (existed && listVersions(history).length === 0) recordOrigin(history, doc, now)
  const deletions = new DeletionLog()
  const logDeletions = (transaction: Y.Transaction) => deletions.add(transaction.deleteSet)
  doc.on('afterTransaction', logDeletions)
  try {
    doc.transact(() => {
      registerParticipant(doc, by)
      writeFiche(doc, fiche)
    })
  } finally {
    doc.off('afterTransaction', logDeletions)
  }
  writeDeletions(history, doc.clientID, deletions)
  if (!existed) recordOrigin(history, doc, now)
  else
    recordVersion(history, doc, {
      kind: 'import',
      at: now,
      by,
      extraAuthorClients: deletions.empty ? [] : [doc.clientID],
    })
}
