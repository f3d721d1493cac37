import { chromium } from 'playwright-core'

const b = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
})
const c = await b.newContext({ viewport: { width: 1280, height: 900 } })
const p = await c.newPage()
p.on('pageerror', (e) => console.log('ERR', e.message))
await p.goto(
  'http://localhost:8123/s/inspirations?token=eyJhbGciOiJIUzI1NiJ9.eyJzcGFjZSI6Imluc3BpcmF0aW9ucyIsInJvbGUiOiJlZGl0b3IiLCJ2ZXIiOjEsImlhdCI6MTc5NjE4NTQwOH0.gFux4eiuZ-aEYXKl5pxMssNRK93KFLgzVH6uOFUG24A',
)
await p.waitForSelector('.fiche-card')
await p.screenshot({ path: '/tmp/s1.png' })
await p.locator('.fiche-card a').first().click()
await p.waitForTimeout(1500)
await p.screenshot({ path: '/tmp/s2.png', fullPage: true })
console.log(p.url())
await p.goto(p.url() + '/history')
await p.waitForTimeout(1500)
await p.screenshot({ path: '/tmp/s3.png', fullPage: true })
await b.close()
