// Visits (拜访) in the office: the due list shows the overdue in red, a planned visit is checked in with the
// browser's position and completed with an outcome, and the customer's 360 card shows it completed; on a phone
// the visits page does not scroll sideways.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, apiCall, byTestId, launch, login, withScreenshotOnFailure } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

async function withContext(t, options, body) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'UTC', ...options })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  try {
    await withScreenshotOnFailure(t, page, async () => {
      await login(page, 'am.zhang')
      await body(page, context)
    })
  } finally {
    await context.close()
  }
}

describe('visits', () => {
  test('due list in red, check in, complete with an outcome, seen on the 360 card', async (t) => {
    await withContext(t, { viewport: { width: 1440, height: 900 }, permissions: ['geolocation'], geolocation: { latitude: 0, longitude: 0 } }, async (page, context) => {
      await byTestId(page, 'nav-visits').click()
      await page.waitForURL(/\/visits/)
      await byTestId(page, 'due-row').first().waitFor()
      const overdue = page.locator('[data-testid="due-date"][data-overdue="true"]')
      assert.ok((await overdue.count()) > 0, 'the demo data has overdue customers')
      const color = await overdue.first().evaluate((el) => getComputedStyle(el).color)
      const [r, g, b] = color.match(/\d+/g).map(Number)
      assert.ok(r > 200 && g < 150 && b < 150, `overdue is red: ${color}`)
      assert.match(await overdue.first().innerText(), /逾期 \d+ 天/)
      // The overdue come first.
      assert.equal(await byTestId(page, 'due-date').first().getAttribute('data-overdue'), 'true')
      // The overdue-only filter lives in the URL.
      await byTestId(page, 'filter-overdue').click()
      await page.waitForURL(/overdue=1/)

      // A planned visit: check in at the customer's location, then complete it.
      await page.goto(`${BASE_URL}/visits?tab=visits&status=planned`)
      const link = byTestId(page, 'visit-link').first()
      await link.waitFor()
      const visitId = await link.getAttribute('data-id')
      await link.click()
      await byTestId(page, 'visit-detail').waitFor()
      assert.equal(await byTestId(page, 'visit-status').getAttribute('data-value'), 'planned')
      const customerHref = await byTestId(page, 'visit-customer').getAttribute('href')
      const customerId = customerHref.match(/\/customers\/(\d+)/)[1]
      const customer = (await apiCall(page, 'GET', `/customers/${customerId}`)).body
      assert.ok(customer.latitude && customer.longitude, 'demo customers have a location')
      await context.setGeolocation({ latitude: Number(customer.latitude), longitude: Number(customer.longitude), accuracy: 10 })

      await byTestId(page, 'visit-action-check_in').click()
      await page.locator('[data-testid="visit-status"][data-value="in_progress"]').waitFor()
      assert.equal(Number(await byTestId(page, 'visit-latitude').innerText()), Number(customer.latitude))
      const distance = (await byTestId(page, 'visit-distance').innerText()).trim()
      assert.match(distance, /^\d+$/, `distance in metres: ${distance}`)
      assert.ok(Number(distance) < 50, distance)
      assert.equal(await byTestId(page, 'visit-flag').count(), 0)

      await byTestId(page, 'visit-action-complete').click()
      const dialog = byTestId(page, 'visit-dialog-complete')
      await dialog.waitFor()
      await dialog.locator('[data-testid="visit-outcome"]').click()
      await page.locator('.el-select-dropdown__item:visible').first().click()
      await dialog.locator('textarea[data-testid="visit-notes"], [data-testid="visit-notes"] textarea').first().fill('谈了新品')
      await byTestId(page, 'visit-action-submit').click()
      await page.locator('[data-testid="visit-status"][data-value="completed"]').waitFor()
      const outcome = byTestId(page, 'visit-outcome-name')
      assert.ok(await outcome.getAttribute('data-value'), 'an outcome was recorded')
      assert.doesNotMatch(await outcome.innerText(), /^[a-z_]+$/, 'the outcome is shown by name')

      // The customer's 360 card lists it completed.
      await byTestId(page, 'visit-customer').click()
      await byTestId(page, 'customer-visits-card').waitFor()
      const row = page.locator(`[data-testid="customer-visit"][data-id="${visitId}"]`)
      await row.waitFor()
      assert.equal(await row.locator('[data-testid="customer-visit-status"]').getAttribute('data-value'), 'completed')
      assert.match(await row.innerText(), /已完成/)
    })
  })

  test('on a phone the visits page does not scroll sideways', async (t) => {
    await withContext(t, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
      for (const tab of ['', '?tab=visits']) {
        await page.goto(`${BASE_URL}/visits${tab}`)
        await byTestId(page, tab ? 'visit-row' : 'due-row').first().waitFor()
        const m = await page.evaluate(() => {
          const main = document.querySelector('[data-testid="app-main"]')
          return { page: document.scrollingElement.scrollWidth, window: window.innerWidth, main: main ? main.scrollWidth - main.clientWidth : 0 }
        })
        const width = Math.min(m.window, 390)
        assert.ok(m.page <= width && m.main <= 0, `${tab || 'due'}: ${JSON.stringify(m)}`)
      }
    })
  })
})
