// Numbers people can trust (issue 21): every revenue figure says its window, the tiers page's total is the loyalty
// dashboard's for the same window, and the "needs attention" list of customers whose partition disagrees with their
// level (the demo company has special-level customers in the regular partition) is fixed with one click, which the
// customer's tier card then agrees with.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, apiCall, byTestId, launch, login, newPage, withScreenshotOnFailure } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

test('the tiers page and the loyalty dashboard show one total for one window, each labelled', async (t) => {
  const page = await newPage(browser, { viewport: { width: 1440, height: 900 } })
  await withScreenshotOnFailure(t, page, async () => {
    await login(page, 'hq.lin')
    await page.goto(`${BASE_URL}/tiers?tab=value`)
    const total = byTestId(page, 'levels-total')
    await total.waitFor()
    const window = byTestId(page, 'tier-levels').locator('[data-testid="revenue-window"]')
    assert.equal(await window.getAttribute('data-kind'), 'trailing_12_months')
    assert.match(await window.innerText(), /近12个月 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/)
    const tiersRevenue = Number(await total.getAttribute('data-revenue'))
    const [start, end] = [await window.getAttribute('data-start'), await window.getAttribute('data-end')]
    await page.goto(`${BASE_URL}/loyalty`)
    const loyalty = byTestId(page, 'loyalty-revenue')
    await loyalty.waitFor()
    assert.ok(Math.abs(Number(await loyalty.getAttribute('data-value')) - tiersRevenue) < 0.01)
    const loyaltyWindow = loyalty.locator('[data-testid="revenue-window"]')
    assert.equal(await loyaltyWindow.getAttribute('data-start'), start)
    assert.equal(await loyaltyWindow.getAttribute('data-end'), end)
  })
  await page.context().close()
})

test('a customer whose partition disagrees with its level is flagged and fixed with one click', async (t) => {
  const page = await newPage(browser, { viewport: { width: 1440, height: 900 } })
  await withScreenshotOnFailure(t, page, async () => {
    await login(page, 'hq.lin')
    const { body: before } = await apiCall(page, 'GET', '/tiers/partition-check?limit=5')
    assert.ok(before.total > 0, 'the demo company has customers to fix')
    const first = before.items[0]
    await page.goto(`${BASE_URL}/customers/${first.customer.id}`)
    const flag = byTestId(page, 'partition-flag')
    await flag.waitFor()
    assert.equal(await flag.getAttribute('data-needed'), first.partition_needed)

    await page.goto(`${BASE_URL}/tiers?tab=value`)
    const card = byTestId(page, 'partition-check')
    await card.locator(`[data-testid="partition-check-row"][data-customer="${first.customer.id}"]`).waitFor()
    assert.equal(Number(await card.getAttribute('data-total')), before.total)
    await card.locator(`[data-testid="partition-check-row"][data-customer="${first.customer.id}"] [data-testid="partition-fix"]`).click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await card.locator(`[data-testid="partition-check-row"][data-customer="${first.customer.id}"]`).waitFor({ state: 'detached' })
    const { body: customer } = await apiCall(page, 'GET', `/customers/${first.customer.id}`)
    assert.equal(customer.partition, first.partition_needed)
    const { body: after } = await apiCall(page, 'GET', '/tiers/partition-check?limit=5')
    assert.equal(after.total, before.total - 1)

    await page.goto(`${BASE_URL}/customers/${first.customer.id}`)
    await byTestId(page, 'customer-tier-check').waitFor()
    assert.equal(await byTestId(page, 'partition-flag').count(), 0)
  })
  await page.context().close()
})

test('an account manager sees own customers only; an analyst sees the list without fix buttons', async (t) => {
  const page = await newPage(browser, { locale: 'en-US' })
  await withScreenshotOnFailure(t, page, async () => {
    await login(page, 'am.zhang')
    await page.goto(`${BASE_URL}/tiers?tab=value`)
    const { body } = await apiCall(page, 'GET', '/tiers/partition-check?limit=200')
    const card = byTestId(page, 'partition-check')
    await card.locator(body.total > 0 ? '[data-testid="partition-check-row"]' : '[data-testid="partition-check-empty"]').first().waitFor()
    assert.equal(Number(await card.getAttribute('data-total')), body.total)
    assert.equal(await card.locator('[data-testid="partition-check-row"]').count(), Math.min(body.total, 20))
    for (const item of body.items) assert.equal(item.customer.owner?.username, 'am.zhang')
  })
  await page.context().close()
  const analyst = await newPage(browser, { locale: 'en-US' })
  await withScreenshotOnFailure(t, analyst, async () => {
    await login(analyst, 'analyst.wu')
    await analyst.goto(`${BASE_URL}/tiers?tab=value`)
    await byTestId(analyst, 'partition-check').waitFor()
    const { body } = await apiCall(analyst, 'GET', '/tiers/partition-check?limit=5')
    if (body.total > 0) await byTestId(analyst, 'partition-check-row').first().waitFor()
    assert.equal(await byTestId(analyst, 'partition-fix').count(), 0)
    assert.equal(await byTestId(analyst, 'partition-fix-all').count(), 0)
    assert.equal(await byTestId(analyst, 'partition-rule-edit').count(), 0)
  })
  await analyst.context().close()
})
