/**
 * A load-generator worker thread: hosts the rooms it is given and obeys the coordinator's commands.
 * Rooms that type are never split across workers, so a keystroke's sender and its receivers share
 * this thread's clock (see `ledger.ts`). Several workers let the generator use more than one core.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { parentPort } from 'node:worker_threads'
import { Ledger } from './ledger.ts'
import { type Command, emptyReport, type Reply, type WorkerReport } from './protocol.ts'
import { Limiter, RoomLoad } from './room.ts'

const ledger = new Ledger()
let rooms: RoomLoad[] = []
let convergeMs = 0
const loopDelay = monitorEventLoopDelay({ resolution: 5 })

const waitFor = async (condition: () => boolean, timeoutMs: number): Promise<boolean> => {
  const deadline = performance.now() + timeoutMs
  while (!condition()) {
    if (performance.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return true
}

const report = (): WorkerReport => {
  const result = emptyReport()
  for (const room of rooms) {
    const check = room.check()
    result.missing += check.missing
    result.divergedRooms += check.diverged ? 1 : 0
    result.silentLights += check.silentLights
    for (const client of room.clients) {
      result.framesReceived += client.framesReceived
      result.bytesReceived += client.bytesReceived
      if (client.error) result.errors.push(`${client.doc.clientID}: ${client.error}`)
      if (client.completeStep2() === false) result.incompleteSyncs++
      result.readyMs.push(client.readyMs)
    }
  }
  result.samples = Float64Array.from(ledger.samples)
  result.sent = ledger.sentInWindow
  result.loopDelayP99Ms = loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 : 0
  result.convergeMs = convergeMs
  result.errors = result.errors.slice(0, 20)
  return result
}

const handle = async (command: Command): Promise<Reply['result']> => {
  switch (command.cmd) {
    case 'setup': {
      loopDelay.reset()
      loopDelay.enable()
      rooms = command.plans.map((plan) => new RoomLoad(plan, ledger))
      const limiter = new Limiter(command.connectConcurrency)
      await Promise.all(rooms.map((room) => room.connect(limiter)))
      const seeded = await waitFor(() => rooms.every((room) => room.seeded()), command.timeoutMs)
      if (!seeded) throw new Error('replicas did not receive the seeded fiche in time')
      return report()
    }
    case 'type':
      for (const room of rooms) room.prepare(command.prepare)
      for (const room of rooms) room.startTyping(command.rateHz)
      return null
    case 'mark':
      ledger.openWindow(performance.now())
      for (const room of rooms) room.markFrames()
      loopDelay.reset()
      loopDelay.enable()
      return null
    case 'stop':
      ledger.closeWindow(performance.now())
      loopDelay.disable()
      for (const room of rooms) room.stopTyping()
      return null
    case 'wake':
      // One keystroke per room from its first replica: every connection of the room must receive it.
      ledger.openWindow(performance.now())
      for (const room of rooms) room.replicas[0]?.keystroke()
      return null
    case 'converge': {
      // Until every replica has every keystroke and every light client heard something since the mark.
      const converged = () => rooms.every((room) => room.settled())
      const started = performance.now()
      await waitFor(converged, command.timeoutMs)
      convergeMs = performance.now() - started
      return report()
    }
    case 'report':
      return report()
    case 'close':
      for (const room of rooms) room.close()
      rooms = []
      return null
  }
}

parentPort!.on('message', (command: Command) => {
  handle(command).then(
    (result) => parentPort!.postMessage({ id: command.id, result } satisfies Reply),
    (error: unknown) =>
      parentPort!.postMessage({ id: command.id, result: null, error: String(error) } satisfies Reply),
  )
})
