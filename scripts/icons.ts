/**
 * Writes the app icons of the web manifest (`client/public/icon-*.png`): a white "K" on the
 * theme's green, drawn pixel by pixel and encoded with node:zlib, so no image tool is needed.
 * Run once after changing the design: `npx tsx scripts/icons.ts` (the PNGs are committed).
 */
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const GREEN = [0x1f, 0x5f, 0x5b] as const
const WHITE = [0xff, 0xff, 0xff] as const

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (bytes: Buffer): number => {
  let c = 0xffffffff
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type: string, data: Buffer): Buffer => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** Distance from point p to segment ab. */
const toSegment = (px: number, py: number, ax: number, ay: number, bx: number, by: number): number => {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}

/** True where the "K" is, in a unit square (maskable icons keep it inside the 80 % safe zone). */
const inK = (x: number, y: number, scale: number): boolean => {
  const u = 0.5 + (x - 0.5) / scale
  const v = 0.5 + (y - 0.5) / scale
  const stroke = 0.07
  return (
    toSegment(u, v, 0.33, 0.22, 0.33, 0.78) < stroke ||
    toSegment(u, v, 0.37, 0.52, 0.7, 0.22) < stroke ||
    toSegment(u, v, 0.45, 0.45, 0.72, 0.78) < stroke
  )
}

const png = (size: number, maskable: boolean): Buffer => {
  const rows: Buffer[] = []
  const radius = maskable ? 0 : size * 0.18
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4)
    for (let x = 0; x < size; x++) {
      const cx = Math.max(radius - x, 0, x - (size - 1 - radius))
      const cy = Math.max(radius - y, 0, y - (size - 1 - radius))
      const outside = radius > 0 && Math.hypot(cx, cy) > radius
      const color = inK((x + 0.5) / size, (y + 0.5) / size, maskable ? 0.75 : 1) ? WHITE : GREEN
      row.set([...color, outside ? 0 : 255], 1 + x * 4)
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8 bits, RGBA, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const out = new URL('../client/public/', import.meta.url)
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
] as const) {
  writeFileSync(new URL(name, out), png(size, maskable))
  console.log(`wrote client/public/${name}`)
}
