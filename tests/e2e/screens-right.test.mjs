// Defects of issue 21 on the demo company, as a person meets them: the "breached only" complaint queue shows
// every row breached (red, how late), never a later deadline's green countdown; a customer who complained this
// quarter has its count on the loyalty card, with the quarter named; registered capital is money; the loyalty
// page folds the model's parameters away for analysts; the decile table has no two columns alike. Read only.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, apiCall, asUser, byTestId, launch, login, newPage, withScreenshotOnFailure } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

/** The first day of the current quarter in Asia/Shanghai, YYYY-MM-DD. */
function quarterStart(now = new Date()) {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(now)
    .split('-')
    .map(Number)
  return `${y}-${String(3 * Math.floor((m - 1) / 3) + 1).padStart(2, '0')}-01`
}

describe('screens that are right', () => {
  test('every complaint under "breached only" is shown breached, in red with how late', async (t) => {
    await asUser(browser, t, 'hq.lin', async (page) => {
      const { body } = await apiCall(page, 'GET', '/complaints?breached=true&open=true&limit=20')
      assert.ok(body.items.length > 0, 'the demo has breached open complaints')
      // The defect's case (a first response met late while the resolution still runs) is in the demo only while
      // the resolution deadline lies ahead, which depends on the hour the demo was loaded; every breached row,
      // that one included when present, must show red with how late (complaints.test.ts covers the case itself).
      await page.goto(`${BASE_URL}/complaints?breached=1`)
      await byTestId(page, 'complaint-row').first().waitFor()
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="complaint-row"]').length === n, body.items.length)
      const shown = await byTestId(page, 'complaint-row').evaluateAll((rows) =>
        rows.map((r) => {
          const c = r.querySelector('[data-testid="complaint-countdown"]')
          return { status: c?.dataset.status, text: c?.textContent ?? '', red: c?.classList.contains('countdown--danger') }
        }),
      )
      for (const row of shown) {
        assert.equal(row.status, 'breached', JSON.stringify(row))
        assert.ok(row.red, JSON.stringify(row))
        assert.match(row.text, /超时 ?\d/, 'says how late')
      }
    })
  })

  test('the loyalty card counts a complaint made this quarter, naming the quarter', async (t) => {
    await asUser(browser, t, 'hq.lin', async (page) => {
      const since = quarterStart()
      const { body } = await apiCall(page, 'GET', '/complaints?open=false&limit=50')
      const { body: open } = await apiCall(page, 'GET', '/complaints?open=true&limit=50')
      const recent = [...open.items, ...body.items].find((c) => c.received_at.slice(0, 10) >= since)
      assert.ok(recent, 'a complaint this quarter')
      const { body: loyalty } = await apiCall(page, 'GET', `/customers/${recent.customer_id}/loyalty`)
      const current = loyalty.complaints.find((q) => q.current)
      assert.ok(current.count >= 1)
      await page.goto(`${BASE_URL}/customers/${recent.customer_id}`)
      const count = byTestId(page, 'loyalty-complaintsCurrent')
      await count.waitFor()
      assert.equal(Number(await count.getAttribute('data-value')), current.count)
      assert.equal((await count.textContent()).trim(), `${current.count} 次`)
      const quarter = Math.floor((Number(since.slice(5, 7)) - 1) / 3) + 1
      assert.match(await byTestId(page, 'loyalty-card').textContent(), new RegExp(`本季度投诉（${since.slice(0, 4)} 年第 ${quarter} 季度至今）`))
    })
  })

  test('registered capital on the customer page is money, never the raw decimal', async (t) => {
    await asUser(browser, t, 'hq.lin', async (page) => {
      const { body } = await apiCall(page, 'GET', '/customers?limit=20')
      const withCapital = body.items.find((c) => c.characteristics?.registered_capital)
      assert.ok(withCapital, 'a demo customer with registered capital')
      await page.goto(`${BASE_URL}/customers/${withCapital.id}`)
      const capital = byTestId(page, 'characteristic-registered_capital')
      await capital.waitFor()
      const text = (await capital.textContent()).trim()
      assert.match(text, /^¥\d{1,3}(,\d{3})*\.\d{2}$/)
      assert.equal(Number(text.replace(/[^\d.]/g, '')), Number(withCapital.characteristics.registered_capital))
    })
  })

  test('the loyalty page keeps the model parameters in a closed fold for analysts', async (t) => {
    await asUser(browser, t, 'hq.lin', async (page) => {
      await page.goto(`${BASE_URL}/loyalty`)
      const fold = byTestId(page, 'loyalty-model-fold')
      await fold.waitFor()
      assert.match(await fold.textContent(), /关于模型/)
      assert.equal(await byTestId(page, 'loyalty-fit-bgnbd').isVisible(), false)
      await fold.locator('.el-collapse-item__header').click()
      await byTestId(page, 'loyalty-fit-bgnbd').waitFor({ state: 'visible' })
      // The segment trend: a few series, not eleven lines.
      const series = Number(await byTestId(page, 'segment-history-chart').getAttribute('data-series'))
      assert.ok(series > 0 && series <= 5, `series ${series}`)
    })
  })

  test('the decile table has unique column headers in both languages', async (t) => {
    for (const locale of ['zh-CN', 'en']) {
      const page = await newPage(browser, { locale })
      try {
        await withScreenshotOnFailure(t, page, async () => {
          await page.addInitScript((l) => localStorage.setItem('keyhold.locale', l), locale)
          await login(page, 'admin')
          await page.goto(`${BASE_URL}/tiers?tab=value`)
          await byTestId(page, 'tier-deciles').scrollIntoViewIfNeeded()
          await page.waitForFunction(() => document.querySelectorAll('[data-testid="decile-row"]').length === 10)
          const headers = await page.locator('[data-testid="tier-deciles"] .el-table__header th .cell').allTextContents()
          assert.ok(headers.length >= 7)
          assert.equal(new Set(headers.map((h) => h.trim())).size, headers.length, headers.join(' | '))
        })
      } finally {
        await page.context().close()
      }
    }
  })
})
