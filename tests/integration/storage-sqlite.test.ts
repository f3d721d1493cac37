/** The storage contract against the SQLite backend, on a real file in a temp directory. */
import { openSqliteStorage } from '../../relay/src/storage/sqlite.ts'
import { tempDataDir } from '../helpers/relay.ts'
import { runStorageContract } from './storageContract.ts'

let dir = ''
runStorageContract('sqlite', {
  open: async () => {
    dir = tempDataDir()
    return openSqliteStorage(dir)
  },
  reopen: async () => openSqliteStorage(dir),
})
