// Words in the business's language: the customer change log shows a submitted score sheet through the forms'
// labels (no raw keys or codes such as `grades.basis` or `draft`), the seeded SLA policies and calendar are named
// in the user's language, and the browser tab names the page and the record and follows the locale.
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

/** The current quarter (`2026Q4`) in the company time zone. */
async function currentQuarter(page) {
  const { body } = await apiCall(page, 'GET', '/settings/public')
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: body.time_zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  return `${today.slice(0, 4)}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`
}

/** A customer of the signed-in account manager with a draft or returned sheet for `period` (opened if needed). */
async function sheetToSubmit(page, period) {
  const { status, body } = await apiCall(page, 'GET', '/customers?limit=50&partition=key')
  assert.equal(status, 200)
  for (const customer of body.items) {
    const sheets = (await apiCall(page, 'GET', `/customers/${customer.id}/score-sheets`)).body.items
    const sheet = sheets.find((s) => s.period === period)
    if (sheet && !['draft', 'returned'].includes(sheet.status)) continue
    if (sheet) return { customer, sheet: (await apiCall(page, 'GET', `/score-sheets/${sheet.id}`)).body }
    const made = await apiCall(page, 'POST', `/customers/${customer.id}/score-sheets`, { period })
    if (made.status === 201) return { customer, sheet: made.body }
  }
  assert.fail(`no customer left whose ${period} sheet can be submitted`)
}

const title = (page) => page.evaluate(() => document.title)

describe('words in the business language', () => {
  test('the change log shows a submitted score sheet in words, in zh-CN', async (t) => {
    await asUser(browser, t, 'am.zhang', async (page) => {
      const period = await currentQuarter(page)
      const { customer, sheet } = await sheetToSubmit(page, period)
      // Every indicator scored (half its weight where nothing is entered yet), then submitted.
      const values = Object.fromEntries(sheet.indicators.filter((i) => i.value === null).map((i) => [i.key, Number(i.weight) / 2]))
      let version = sheet.version
      if (Object.keys(values).length) {
        const saved = await apiCall(page, 'PATCH', `/score-sheets/${sheet.id}`, { values, notes: {} }, { 'If-Match': `"${version}"` })
        assert.equal(saved.status, 200, JSON.stringify(saved.body))
        version = saved.body.version
      }
      const submitted = await apiCall(page, 'POST', `/score-sheets/${sheet.id}/submit`, undefined, { 'If-Match': `"${version}"` })
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body))

      await page.goto(`${BASE_URL}/customers/${customer.id}`)
      const entry = page.locator('[data-testid="audit-entry"][data-action="score_sheet_submit"]').first()
      await entry.waitFor()
      const text = await byTestId(page, 'audit-trail').innerText()
      for (const raw of ['grades.basis', 'grades.', 'values.', 'notes.', 'category', 'draft', 'submitted', 'returned', 'approved']) {
        assert.ok(!text.includes(raw), `the change log shows the raw "${raw}":\n${text}`)
      }
      const submitText = await entry.innerText()
      assert.match(submitText, /评级 · 开发基础/)
      assert.match(submitText, /待审核/)
      assert.match(submitText, /类别/)
    })
  })

  test('seeded SLA names follow the language', async (t) => {
    await asUser(browser, t, 'admin', async (page) => {
      await page.goto(`${BASE_URL}/admin/sla`)
      const calendar = page.locator('[data-testid="calendar-name-cell"][data-id="1"]')
      assert.equal((await calendar.innerText()).trim(), '标准工作日历')
      await byTestId(page, 'sla-tab-policies').click()
      const names = byTestId(page, 'policy-name')
      await names.first().waitFor()
      const zh = await names.allInnerTexts()
      assert.ok(zh.includes('一般投诉') && zh.includes('重大投诉'), zh.join(', '))
      assert.ok(!zh.some((n) => /complaints/.test(n)), zh.join(', '))
      await byTestId(page, 'locale-switch').selectOption('en')
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="policy-name"]')].some((e) => e.textContent.includes('General complaints')))
      const en = await names.allInnerTexts()
      assert.ok(en.includes('Major complaints'), en.join(', '))
      await byTestId(page, 'sla-tab-calendars').click()
      // The table redraws its cells after the tab is shown: wait for the new language rather than read at once.
      await page.waitForFunction(
        () => document.querySelector('[data-testid="calendar-name-cell"][data-id="1"]')?.textContent?.trim() === 'Standard',
      )
      assert.equal((await calendar.innerText()).trim(), 'Standard')
      await byTestId(page, 'locale-switch').selectOption('zh-CN')
    })
  })

  test('the tab title names the page and the record, in the user language', async (t) => {
    await asUser(browser, t, 'hq.lin', async (page) => {
      assert.equal(await title(page), '客户 — Keyhold')
      const customer = (await apiCall(page, 'GET', '/customers?limit=1')).body.items[0]
      await page.goto(`${BASE_URL}/customers/${customer.id}`)
      await page.waitForFunction((name) => document.title === `客户 · ${name} — Keyhold`, customer.name)

      const complaint = (await apiCall(page, 'GET', '/complaints?limit=1')).body.items[0]
      await page.goto(`${BASE_URL}/complaints/${complaint.id}`)
      const zhTitle = `投诉 · #${complaint.id} ${complaint.customer_name} — Keyhold`
      await page.waitForFunction((want) => document.title === want, zhTitle)

      await byTestId(page, 'locale-switch').selectOption('en')
      const enTitle = `Complaint · #${complaint.id} ${complaint.customer_name} — Keyhold`
      await page.waitForFunction((want) => document.title === want, enTitle)
      await page.goto(`${BASE_URL}/customers`)
      await page.waitForFunction(() => document.title === 'Customers — Keyhold')
      await byTestId(page, 'locale-switch').selectOption('zh-CN')
      await page.waitForFunction(() => document.title === '客户 — Keyhold')
    })
  })
})
