// Quarterly scoring in the browser: an account manager (am.zhang) creates a score sheet for the last
// complete quarter from a customer's 360 page, fills every indicator the data does not compute, sees the
// grades and category follow his entries before saving, and submits; he gets no Approve button on his own
// sheet. The Shanghai store manager (sm.sh) finds it in his review queue and approves it, and the
// customer's 360 page then shows its category in the scoring card. Opening an old quarter twice creates
// drafts once. Reruns against the same database pick a customer without a sheet for the quarter.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, apiCall, asUser, byTestId, inputOf, launch } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const textOf = async (locator) => (await locator.textContent()).trim()

/** Today's date (YYYY-MM-DD) in the company time zone. */
async function companyToday(page) {
  const { status, body } = await apiCall(page, 'GET', '/settings/public')
  assert.equal(status, 200)
  return new Intl.DateTimeFormat('en-CA', { timeZone: body.time_zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

/** `2026Q4` for `2026-11-23`, moved by `delta` quarters. */
function quarter(today, delta = 0) {
  const year = Number(today.slice(0, 4))
  const index = year * 4 + Math.floor((Number(today.slice(5, 7)) - 1) / 3) + delta
  return `${Math.floor(index / 4)}Q${(index % 4) + 1}`
}

/**
 * One of the signed-in user's customers to score for `period` whose grades it will set: the first without a
 * sheet for that quarter or a later one (the demo data approves some customers' quarters), else the first whose
 * sheet for it is still a draft or returned (an earlier run that stopped half-way) and has none later.
 */
async function customerToScore(page, period) {
  let editable = null
  let cursor = null
  for (let pageNo = 0; pageNo < 10; pageNo++) {
    const { status, body } = await apiCall(page, 'GET', `/customers?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    assert.equal(status, 200)
    const candidates = body.items.filter((c) => c.partition !== 'abandoned')
    for (let i = 0; i < candidates.length; i += 10) {
      const batch = candidates.slice(i, i + 10)
      const lists = await Promise.all(batch.map((c) => apiCall(page, 'GET', `/customers/${c.id}/score-sheets`)))
      for (const [k, list] of lists.entries()) {
        assert.equal(list.status, 200)
        const sheets = list.body.items
        if (sheets.some((s) => s.period > period)) continue
        const sheet = sheets.find((s) => s.period === period)
        if (!sheet) return batch[k]
        if (!editable && (sheet.status === 'draft' || sheet.status === 'returned')) editable = batch[k]
      }
    }
    cursor = body.next_cursor
    if (!cursor) break
  }
  assert.ok(editable, `no customer of this user left to score for ${period}`)
  return editable
}

/** Every score sheet the signed-in user sees with these filters (all keyset pages). */
async function allSheets(page, filters) {
  const out = []
  let cursor = null
  for (let i = 0; i < 50; i++) {
    const { status, body } = await apiCall(page, 'GET', `/score-sheets?${filters}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    assert.equal(status, 200)
    out.push(...body.items)
    cursor = body.next_cursor
    if (!cursor) break
  }
  return out
}

/** The value of an el-select as shown. */
const selectText = (page, testid) => textOf(byTestId(page, testid))

describe('scoring', () => {
  test('a sheet is filled with live grades, submitted, approved by the store manager and shown on the 360 page', async (t) => {
    let customer
    let period
    let sheetId
    let category

    await asUser(browser, t, 'am.zhang', async (page) => {
      period = quarter(await companyToday(page), -1)
      customer = await customerToScore(page, period)

      // The 360 page: "New score sheet" defaults to the last complete quarter and opens the sheet.
      await page.goto(`${BASE_URL}/customers/${customer.id}`)
      await byTestId(page, 'scoring-card').waitFor()
      await byTestId(page, 'new-score-sheet').click()
      await byTestId(page, 'new-sheet-dialog').waitFor()
      assert.match(await selectText(page, 'new-sheet-period'), new RegExp(period))
      await byTestId(page, 'new-sheet-submit').click()
      await page.waitForURL(/\/score-sheets\/\d+$/)
      sheetId = Number(new URL(page.url()).pathname.split('/').pop())
      await byTestId(page, 'score-sheet-page').waitFor()
      assert.equal(await textOf(byTestId(page, 'sheet-period')), period)
      assert.equal(await textOf(byTestId(page, 'sheet-customer')), customer.name)

      // Indicators by dimension; computed ones are marked with the figure from the data.
      for (const d of ['potential', 'possibility', 'basis']) await byTestId(page, `dimension-${d}`).waitFor()
      const amount = byTestId(page, 'indicator-transaction_amount')
      await amount.locator('[data-testid="computed-tag"]').waitFor()
      assert.match(await textOf(amount.locator('[data-testid="indicator-measured"]')), /¥|暂无数据/)

      const { status, body: sheet } = await apiCall(page, 'GET', `/score-sheets/${sheetId}`)
      assert.equal(status, 200)
      assert.ok(['draft', 'returned'].includes(sheet.status))
      await page.locator('[data-testid="sheet-result"][data-pending="false"]').waitFor()
      const before = await byTestId(page, 'sheet-category').getAttribute('data-category')

      // Every indicator the data does not fill gets its full weight: potential and possibility become A.
      const toFill = sheet.indicators.filter((i) => i.computed === null)
      assert.ok(toFill.length >= 8, 'the manual indicators of the default model')
      for (const i of toFill) {
        await inputOf(page, `value-${i.key}`).fill(String(Number(i.weight)))
      }
      await byTestId(page, 'sheet-unsaved').waitFor()

      // The result follows the entries before anything is saved (the server's what-if evaluation).
      await page.locator('[data-testid="result-potential"][data-grade="A"]').waitFor()
      await page.locator('[data-testid="result-possibility"][data-grade="A"]').waitFor()
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-testid="sheet-category"]')
        return ['stronghold', 'gold_mine'].includes(el?.getAttribute('data-category'))
      })
      category = await byTestId(page, 'sheet-category').getAttribute('data-category')
      if (before === 'watch') assert.notEqual(category, before)
      assert.equal(await byTestId(page, 'sheet-unscored').count(), 0)
      assert.ok((await textOf(byTestId(page, 'sheet-category-label'))).length > 0)

      // Submit saves the entries, then sends the sheet to review.
      await byTestId(page, 'sheet-submit').click()
      await page.locator('[data-testid="sheet-status"][data-status="submitted"]').waitFor()
      assert.equal(await textOf(byTestId(page, 'info-filled_by')), '张磊')
      assert.notEqual(await textOf(byTestId(page, 'info-submitted_at')), '—')
      const saved = await apiCall(page, 'GET', `/score-sheets/${sheetId}`)
      assert.equal(saved.body.status, 'submitted')
      assert.equal(saved.body.category.key, category)

      // His own submitted sheet: no Approve/Return, no Save/Submit, also after a reload.
      await page.reload()
      await page.locator('[data-testid="sheet-status"][data-status="submitted"]').waitFor()
      assert.equal(await byTestId(page, 'sheet-approve').count(), 0)
      assert.equal(await byTestId(page, 'sheet-return').count(), 0)
      assert.equal(await byTestId(page, 'sheet-submit').count(), 0)
      assert.equal(await byTestId(page, 'sheet-save').count(), 0)
    })

    await asUser(browser, t, 'sm.sh', async (page) => {
      // The review queue is the store manager's first tab.
      await byTestId(page, 'nav-scoring').click()
      await byTestId(page, 'sheets-review').waitFor()
      const open = page.locator(`[data-testid="sheets-review"] [data-testid="sheet-open"][data-sheet-id="${sheetId}"]`)
      for (let i = 0; i < 20 && !(await open.count()); i++) {
        const more = page.locator('[data-testid="sheets-review"] [data-testid="sheets-more"]')
        if (await more.count()) await more.click()
        else await page.waitForTimeout(250)
      }
      await open.click()
      await page.waitForURL(new RegExp(`/score-sheets/${sheetId}$`))
      await page.locator('[data-testid="sheet-status"][data-status="submitted"]').waitFor()
      assert.equal(await byTestId(page, 'sheet-save').count(), 0)

      await byTestId(page, 'sheet-approve').click()
      await byTestId(page, 'review-dialog').waitFor()
      await inputOf(page, 'review-comment').fill('数据与走访记录一致')
      await byTestId(page, 'review-submit').click()
      await page.locator('[data-testid="sheet-status"][data-status="approved"]').waitFor()
      assert.equal(await textOf(byTestId(page, 'info-reviewed_by')), (await apiCall(page, 'GET', '/me')).body.display_name)
      assert.equal(await textOf(byTestId(page, 'info-review_comment')), '数据与走访记录一致')
      assert.equal(await byTestId(page, 'sheet-approve').count(), 0)

      // The customer's 360 page: the category of the approved sheet, its grades and quarter, the history.
      await byTestId(page, 'sheet-to-customer').click()
      await page.waitForURL(new RegExp(`/customers/${customer.id}$`))
      const card = byTestId(page, 'scoring-card')
      await card.waitFor()
      await page.locator(`[data-testid="scoring-category"][data-category="${category}"]`).waitFor()
      const rules = (await apiCall(page, 'GET', '/category-rules')).body.items
      const rule = rules.find((r) => r.key === category)
      await page.waitForFunction(
        (label) => document.querySelector('[data-testid="scoring-category-label"]')?.textContent?.trim() === label,
        rule.label_zh,
      )
      assert.equal(await textOf(byTestId(page, 'scoring-graded-period')), period)
      const grades = await byTestId(page, 'scoring-grades').getAttribute('data-grades')
      assert.match(grades, /^AA[ABC]$/)
      await card.locator('[data-testid="tier-event"][data-source="score_sheet"]').first().waitFor()
      await card.locator('[data-testid="grade-chart"] canvas').first().waitFor()
      const row = card.locator(`[data-testid="customer-sheet-open"][data-sheet-id="${sheetId}"]`)
      await row.waitFor()
      assert.equal(await textOf(row), period)
      await card.locator('[data-testid="customer-sheet-status"][data-status="approved"]').first().waitFor()

      // The category matrix counts the customer in its category; the count opens the list that holds it.
      await page.goto(`${BASE_URL}/tiers`)
      const matrix = (await apiCall(page, 'GET', '/tiers/category-matrix')).body
      const inCategory = matrix.cells.filter((c) => c.category === category).reduce((n, c) => n + c.customers, 0)
      const count = page.locator(`[data-testid="matrix-category-count"][data-category="${category}"]`)
      await count.waitFor()
      assert.equal(await count.getAttribute('data-count'), String(inCategory))
      await count.click()
      await page.waitForURL((url) => url.pathname === '/customers' && url.searchParams.get('category') === category)
      await page.locator(`[data-testid="customer-row"]:has-text("${customer.name}")`).first().waitFor()
    })
  })

  test('the sheet shows refused entries on their indicators and asks to reload after a concurrent change', async (t) => {
    await asUser(browser, t, 'am.zhang', async (page) => {
      const period = quarter(await companyToday(page), -6)
      const customer = await customerToScore(page, period)
      let { status, body: sheet } = await apiCall(page, 'POST', `/customers/${customer.id}/score-sheets`, { period })
      if (status === 409) {
        const list = await apiCall(page, 'GET', `/customers/${customer.id}/score-sheets`)
        sheet = list.body.items.find((s) => s.period === period)
      } else assert.equal(status, 201)
      // Start from an empty sheet: clear what an earlier run entered.
      const cleared = Object.fromEntries(sheet.indicators.filter((i) => i.computed === null && i.value !== null).map((i) => [i.key, null]))
      if (Object.keys(cleared).length) {
        const r = await apiCall(page, 'PATCH', `/score-sheets/${sheet.id}`, { values: cleared }, { 'If-Match': `"${sheet.version}"` })
        assert.equal(r.status, 200)
      }
      await page.goto(`${BASE_URL}/score-sheets/${sheet.id}`)
      await byTestId(page, 'score-sheet-page').waitFor()

      // Submitting with unscored indicators: the server's 422 names them, shown on their rows.
      await byTestId(page, 'sheet-submit').click()
      await byTestId(page, 'field-error-values.qualification').waitFor()
      assert.equal(await page.locator('[data-testid="sheet-status"][data-status="submitted"]').count(), 0)

      // Changing a computed value shows the note field, and saving without a note is refused on it.
      const amount = sheet.indicators.find((i) => i.key === 'transaction_amount')
      assert.ok(amount.computed, 'the transaction amount is computed from the orders')
      const other = Number(amount.computed.points) === 0 ? 1 : 0
      await inputOf(page, 'value-transaction_amount').fill(String(other))
      await byTestId(page, 'indicator-transaction_amount').locator('[data-testid="overridden-tag"]').waitFor()
      await byTestId(page, 'sheet-save').click()
      await byTestId(page, 'field-error-notes.transaction_amount').waitFor()
      await inputOf(page, 'note-transaction_amount').fill('大额订单下季度入账')
      await byTestId(page, 'sheet-save').click()
      await page.waitForFunction(() => !document.querySelector('[data-testid="sheet-unsaved"]'))
      const saved = (await apiCall(page, 'GET', `/score-sheets/${sheet.id}`)).body
      const row = saved.indicators.find((i) => i.key === 'transaction_amount')
      assert.equal(row.overridden, true)
      assert.equal(row.note, '大额订单下季度入账')

      // Someone else saves meanwhile: the next save is refused (412) and the page offers a reload.
      const other2 = await apiCall(page, 'PATCH', `/score-sheets/${sheet.id}`, { values: { outlets: 5 } }, { 'If-Match': `"${saved.version}"` })
      assert.equal(other2.status, 200)
      await inputOf(page, 'value-designers').fill('7')
      await byTestId(page, 'sheet-save').click()
      await byTestId(page, 'sheet-stale').waitFor()
      await byTestId(page, 'sheet-reload').click()
      await byTestId(page, 'sheet-stale').waitFor({ state: 'hidden' })
      // The other person's entry is shown, this page's unsaved one is gone.
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="value-outlets"] input')?.value === '5' &&
          document.querySelector('[data-testid="value-designers"] input')?.value === '',
      )
      assert.equal(await byTestId(page, 'sheet-unsaved').count(), 0)
    })
  })

  test('opening a quarter creates the missing drafts once', async (t) => {
    await asUser(browser, t, 'am.zhang', async (page) => {
      const oldest = quarter(await companyToday(page), -7)
      await byTestId(page, 'nav-scoring').click()
      await byTestId(page, 'score-sheets-page').waitFor()
      // An account manager reviews nothing: no review tab.
      assert.equal(await byTestId(page, 'sheets-tab-review').count(), 0)

      const openQuarter = async () => {
        await byTestId(page, 'open-quarter').click()
        await byTestId(page, 'open-quarter-dialog').waitFor()
        await byTestId(page, 'open-quarter-period').click()
        await page.locator(`[data-testid="open-quarter-period-option"][data-period="${oldest}"]:visible`).click()
        assert.match(await selectText(page, 'open-quarter-period'), new RegExp(oldest))
        // Regular customers too; the preview of that quarter says how many drafts it creates.
        await byTestId(page, 'open-quarter-include-regular').click()
        const preview = page.locator(`[data-testid="open-quarter-preview"][data-ready="true"]`)
        await page.waitForFunction((period) => {
          const el = document.querySelector('[data-testid="open-quarter-preview"][data-ready="true"]')
          return el && document.querySelector('[data-testid="open-quarter-summary"]')?.textContent?.includes(period)
        }, oldest)
        const previewed = Number(await preview.getAttribute('data-created'))
        if (previewed === 0) {
          await byTestId(page, 'open-quarter-nothing').waitFor()
          await page.keyboard.press('Escape')
          await page.locator('[data-testid="open-quarter-dialog"]').waitFor({ state: 'hidden' })
          return { created: 0, previewed, text: oldest }
        }
        await byTestId(page, 'open-quarter-submit').click()
        const result = byTestId(page, 'open-quarter-result')
        await result.waitFor()
        await page.locator('[data-testid="open-quarter-dialog"]').waitFor({ state: 'hidden' })
        return { created: Number(await result.getAttribute('data-created')), previewed, text: await textOf(result) }
      }

      const first = await openQuarter()
      assert.ok(first.created >= 0)
      assert.equal(first.created, first.previewed)
      assert.match(first.text, new RegExp(oldest))
      const sheets = await allSheets(page, `period=${oldest}`)
      assert.ok(sheets.length >= first.created)
      assert.ok(sheets.every((s) => s.period === oldest))

      const second = await openQuarter()
      assert.equal(second.previewed, 0)

      // The drafts of that quarter in "All", filtered by quarter and status.
      await byTestId(page, 'sheets-tab-all').click()
      await byTestId(page, 'filter-period').click()
      await page.locator(`[data-testid="filter-period-option"][data-period="${oldest}"]:visible`).click()
      await byTestId(page, 'filter-status').click()
      await page.locator('[data-testid="filter-status-option"][data-status="draft"]:visible').click()
      if (sheets.some((s) => s.status === 'draft')) {
        // Every row shown is a draft of that quarter (once the filtered page has replaced the unfiltered one).
        await page.waitForFunction((period) => {
          const rows = [...document.querySelectorAll('[data-testid="sheets-all"] [data-testid="sheet-row"]')]
          return (
            rows.length > 0 &&
            rows.every(
              (r) =>
                r.querySelector('[data-testid="sheet-row-period"]')?.textContent?.trim() === period &&
                r.querySelector('[data-testid="sheet-row-status"]')?.getAttribute('data-status') === 'draft',
            )
          )
        }, oldest)
      }
    })
  })
})
