// Saves a screenshot of the customer 360 page (1280x800, zh-CN) for the README:
//   node scripts/screenshot.mjs [customerId]   (from frontend/, the API serving the built SPA)
// Base URL: KEYHOLD_E2E_URL (default http://127.0.0.1:8100). Output: ../docs/screenshots/customer-360.png
// Without an id it takes the first key customer in the list, signed in as hq.lin (demo data).
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const BASE_URL = (process.env.KEYHOLD_E2E_URL || 'http://127.0.0.1:8100').replace(/\/$/, '')
const OUT = fileURLToPath(new URL('../../docs/screenshots/customer-360.png', import.meta.url))
const USERNAME = process.env.KEYHOLD_SCREENSHOT_USER || 'hq.lin'
const PASSWORD = process.env.KEYHOLD_SCREENSHOT_PASSWORD || 'keyhold-demo'

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  const page = await context.newPage()
  page.setDefaultTimeout(20_000)
  await page.goto(`${BASE_URL}/login`)
  await page.evaluate(() => localStorage.setItem('keyhold.locale', 'zh-CN'))
  await page.reload()
  await page.locator('input[data-testid="login-username"]').fill(USERNAME)
  await page.locator('input[data-testid="login-password"]').fill(PASSWORD)
  await page.locator('[data-testid="login-submit"]').click()
  await page.locator('[data-testid="customer-row"]').first().waitFor()

  let id = process.argv[2]
  if (!id) {
    await page.locator('[data-testid="partition-tab-key"]').click()
    await page.waitForFunction(() => {
      const tags = [...document.querySelectorAll('[data-testid="customer-row"] [data-testid="partition-tag"]')]
      return tags.length > 0 && tags.every((t) => t.classList.contains('el-tag--danger'))
    })
    const href = await page.locator('[data-testid="customer-link"]').first().getAttribute('href')
    id = href.split('/').pop()
  }
  await page.goto(`${BASE_URL}/customers/${id}`)
  await page.locator('[data-testid="card-basic"]').waitFor()
  await page.locator('[data-testid="ownership-period"]').first().waitFor()
  await page.locator('[data-testid="audit-entry"]').first().waitFor()
  // The transactions card: its figures and, when the customer has orders, the chart drawn.
  await page.locator('[data-testid="transactions-facts"], [data-testid="transactions-empty"]').first().waitFor()
  if (await page.locator('[data-testid="transactions-facts"]').count()) {
    await page.locator('[data-testid="revenue-chart"] canvas').first().waitFor()
  }
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(300) // let transitions settle
  mkdirSync(path.dirname(OUT), { recursive: true })
  await page.screenshot({ path: OUT })
  console.log(`saved ${OUT} (customer ${id})`)
} finally {
  await browser.close()
}
