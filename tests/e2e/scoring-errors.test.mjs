// Scoring defects of issue 21 in the browser. A server-side field error on a score sheet marks its indicator,
// scrolls it into view and puts the cursor in it (the message stays as the summary). Opening a quarter
// previews what it would create (the current quarter, key customers unless regular ones are ticked) and creates
// only when confirmed; the blank drafts show "not scored yet", never grades C C C / "watch".
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, apiCall, asUser, byTestId, launch } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

/** `2026Q4` for the company's today, moved by `delta` quarters. */
async function companyQuarter(page, delta = 0) {
  const { status, body } = await apiCall(page, 'GET', '/settings/public')
  assert.equal(status, 200)
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: body.time_zone, year: 'numeric', month: '2-digit' }).format(new Date())
  const index = Number(today.slice(0, 4)) * 4 + Math.floor((Number(today.slice(5, 7)) - 1) / 3) + delta
  return `${Math.floor(index / 4)}Q${(index % 4) + 1}`
}

/** A draft (or returned) sheet of the signed-in user's for `period`: created for a customer without one. */
async function editableSheet(page, period) {
  const customers = (await apiCall(page, 'GET', '/customers?limit=100')).body.items.filter((c) => c.partition !== 'abandoned')
  for (const c of customers) {
    const created = await apiCall(page, 'POST', `/customers/${c.id}/score-sheets`, { period })
    if (created.status === 201) return created.body
    const sheet = (await apiCall(page, 'GET', `/customers/${c.id}/score-sheets`)).body.items.find((s) => s.period === period)
    if (sheet && ['draft', 'returned'].includes(sheet.status)) return sheet
  }
  assert.fail(`no customer left to score for ${period}`)
}

const inViewport = (page, testid) =>
  page.evaluate((id) => {
    const r = document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect()
    return !!r && r.top >= 0 && r.bottom <= window.innerHeight
  }, testid)

describe('scoring errors and the quarter', () => {
  test("a server's field error is marked on its indicator, scrolled into view and focused", async (t) => {
    await asUser(browser, t, 'am.zhang', async (page) => {
      await page.setViewportSize({ width: 1366, height: 700 })
      let sheet = await editableSheet(page, await companyQuarter(page, -5))
      // Everything scored but the last indicator of the sheet, at the bottom of the page.
      const values = Object.fromEntries(sheet.indicators.map((i) => [i.key, i.computed ? Number(i.computed.points) : Number(i.weight)]))
      values.order_share = null
      const patched = await apiCall(page, 'PATCH', `/score-sheets/${sheet.id}`, { values }, { 'If-Match': `"${sheet.version}"` })
      assert.equal(patched.status, 200)
      sheet = patched.body

      await page.goto(`${BASE_URL}/score-sheets/${sheet.id}`)
      await byTestId(page, 'indicator-order_share').waitFor()
      assert.equal(await inViewport(page, 'indicator-order_share'), false, 'the indicator starts below the fold')

      // Submitting: the server's 422 names values.order_share (the SPA does not check this itself).
      await byTestId(page, 'sheet-submit').click()
      await byTestId(page, 'field-error-values.order_share').waitFor()
      await page.locator('[data-testid="indicator-order_share"][data-error="true"]').waitFor()
      await page.waitForFunction(() => {
        const row = document.querySelector('[data-testid="indicator-order_share"]')
        const r = row?.getBoundingClientRect()
        return !!r && r.top >= 0 && r.bottom <= window.innerHeight && row.contains(document.activeElement)
      })
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'INPUT')
      // The message stays as the summary; nothing was submitted.
      await page.locator('.el-message--error').first().waitFor()
      assert.equal((await apiCall(page, 'GET', `/score-sheets/${sheet.id}`)).body.status, sheet.status)
    })
  })

  test('opening the quarter previews the drafts, creates them on confirmation and shows them as not scored', async (t) => {
    await asUser(browser, t, 'am.zhang', async (page) => {
      const current = await companyQuarter(page)
      const dryRun = async (includeRegular) =>
        (await apiCall(page, 'POST', '/score-sheets/open-quarter', { include_regular: includeRegular, dry_run: true })).body
      const keyOnly = await dryRun(false)
      const all = await dryRun(true)
      assert.equal(keyOnly.period, current)
      assert.ok(keyOnly.created > 0, 'am.zhang has key customers without a sheet this quarter')
      assert.ok(all.created > keyOnly.created, 'and regular ones')

      await byTestId(page, 'nav-scoring').click()
      await byTestId(page, 'open-quarter').click()
      await byTestId(page, 'open-quarter-dialog').waitFor()
      // The current quarter by default, key customers only: the preview's counts, nothing created yet.
      await page.locator('[data-testid="open-quarter-preview"][data-ready="true"]').waitFor()
      assert.match(await byTestId(page, 'open-quarter-period').textContent(), new RegExp(current))
      const preview = byTestId(page, 'open-quarter-preview')
      assert.equal(await preview.getAttribute('data-created'), String(keyOnly.created))
      assert.equal(await preview.getAttribute('data-existing'), String(keyOnly.existing))
      assert.match(await byTestId(page, 'open-quarter-summary').textContent(), new RegExp(`${keyOnly.created}`))
      const owners = await byTestId(page, 'open-quarter-owner').allTextContents()
      assert.deepEqual(owners.map((o) => o.trim()), keyOnly.by_owner.map((o) => o.owner.display_name))
      assert.match(await byTestId(page, 'open-quarter-submit').textContent(), new RegExp(`${keyOnly.created}`))
      assert.equal((await dryRun(false)).created, keyOnly.created, 'the preview created nothing')

      // Regular customers too, then back to key customers only.
      await byTestId(page, 'open-quarter-include-regular').click()
      await page.locator(`[data-testid="open-quarter-preview"][data-ready="true"][data-created="${all.created}"]`).waitFor()
      await byTestId(page, 'open-quarter-include-regular').click()
      await page.locator(`[data-testid="open-quarter-preview"][data-ready="true"][data-created="${keyOnly.created}"]`).waitFor()

      await byTestId(page, 'open-quarter-submit').click()
      const result = byTestId(page, 'open-quarter-result')
      await result.waitFor()
      assert.equal(await result.getAttribute('data-created'), String(keyOnly.created))
      assert.equal((await dryRun(false)).created, 0)

      // The new drafts: "not scored yet", no grades, no category.
      await byTestId(page, 'sheets-tab-all').click()
      await byTestId(page, 'filter-period').click()
      await page.locator(`[data-testid="filter-period-option"][data-period="${current}"]:visible`).click()
      await byTestId(page, 'filter-status').click()
      await page.locator('[data-testid="filter-status-option"][data-status="draft"]:visible').click()
      await page.waitForFunction((period) => {
        const rows = [...document.querySelectorAll('[data-testid="sheets-all"] [data-testid="sheet-row"]')]
        return rows.length > 0 && rows.every((r) => r.querySelector('[data-testid="sheet-row-period"]')?.textContent?.trim() === period)
      }, current)
      const rows = page.locator('[data-testid="sheets-all"] [data-testid="sheet-row"]')
      const count = await rows.count()
      assert.equal(await page.locator('[data-testid="sheets-all"] [data-testid="sheet-row-not-scored"]').count(), count)
      assert.equal(await page.locator('[data-testid="sheets-all"] [data-testid="sheet-row-category"]').count(), 0)
      assert.equal(await page.locator('[data-testid="sheets-all"] [data-testid="sheet-row-grades"]').count(), 0)
      assert.match(await rows.first().textContent(), /未评分/)
      assert.doesNotMatch(await byTestId(page, 'sheets-all').textContent(), /观察客户/)

      // The customer's 360 card says the same of its draft.
      const drafts = (await apiCall(page, 'GET', `/score-sheets?period=${current}&status=draft&limit=1`)).body.items
      await page.goto(`${BASE_URL}/customers/${drafts[0].customer.id}`)
      const card = byTestId(page, 'scoring-card')
      await card.locator(`[data-testid="customer-sheet-open"][data-sheet-id="${drafts[0].id}"]`).waitFor()
      await card.locator('[data-testid="customer-sheet-not-scored"]').first().waitFor()
    })
  })
})
