// Transactions on the customer 360 page (facts, monthly revenue chart, orders with their lines, an
// order's history) and the integrations page (API keys: use in the last 24 h, a new key shown once,
// revoking), in zh-CN and en. Keys and ERP data are written under unique names, so reruns work.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, apiCall, asUser, byTestId, inputOf, launch, unique } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const textOf = async (locator) => (await locator.textContent()).trim()
const digits = (s) => String(s).replace(/[^\d]/g, '')

/** The company time zone, as the SPA formats instants with it. */
async function companyTimeZone(page) {
  const { status, body } = await apiCall(page, 'GET', '/settings/public')
  assert.equal(status, 200)
  return body.time_zone
}

/** `YYYY-MM-DD HH:mm` of an instant in `timeZone` (the SPA's formatDateTime). */
function localDateTime(iso, timeZone) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso))
  const get = (type) => parts.find((p) => p.type === type).value
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}

/** How many months the chart shows: from the first month with orders to the current month (or the last). */
function expectedMonths(monthly, timeZone) {
  const index = (ym) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1
  const months = monthly.map((m) => index(m.month))
  const now = index(localDateTime(new Date().toISOString(), timeZone))
  return Math.max(now, ...months) - Math.min(...months) + 1
}

/**
 * The first of the signed-in user's customers (in list order) for which `wanted(facts)` holds,
 * with its facts; looks through the first `limit` customers.
 */
async function findCustomer(page, wanted, limit = 200) {
  const { body } = await apiCall(page, 'GET', `/customers?limit=${limit}`)
  for (let i = 0; i < body.items.length; i += 10) {
    const batch = body.items.slice(i, i + 10)
    const facts = await Promise.all(batch.map((c) => apiCall(page, 'GET', `/customers/${c.id}/facts`)))
    const hit = facts.findIndex((f) => f.status === 200 && wanted(f.body))
    if (hit >= 0) return { customer: batch[hit], facts: facts[hit].body }
  }
  assert.fail('no customer in the demo data matches')
}

async function open360(page, id) {
  await page.goto(`${BASE_URL}/customers/${id}`)
  await byTestId(page, 'card-transactions').waitFor()
}

/** The chart's canvas is there, has a size and something drawn on it. */
async function assertChartDrawn(page) {
  const canvas = page.locator('[data-testid="revenue-chart"] canvas').first()
  await canvas.waitFor()
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid="revenue-chart"] canvas')
    if (!c || c.width === 0 || c.height === 0) return false
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
    let painted = 0
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++
    return painted > 500
  })
}

/** Send a batch with an API key, as an ERP would (no session cookie). */
async function sendWithKey(key, path, body) {
  const res = await fetch(`${BASE_URL}/api/v1${path}`, {
    method: 'POST',
    headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: await res.json().catch(() => null) }
}

describe('transactions on the customer 360 page', () => {
  test('an account manager sees facts, the monthly chart and orders; an order expands to its lines', async (t) => {
    await asUser(browser, t, 'am.zhang', async (page) => {
      const tz = await companyTimeZone(page)
      // More orders than one page, so "load more" has something to load.
      const { customer, facts } = await findCustomer(page, (f) => f.orders_placed > 20 && f.monthly.length > 1)
      const { body: firstPage } = await apiCall(page, 'GET', `/customers/${customer.id}/orders?limit=20`)
      const newest = firstPage.items[0]

      await open360(page, customer.id)
      const card = byTestId(page, 'card-transactions')
      assert.match(await textOf(card.locator('.card-header')), /交易/)

      // Facts: the API's decimal strings, formatted (digits compared, the symbol and grouping are the locale's).
      await byTestId(page, 'transactions-facts').waitFor()
      const fact = (key) => textOf(byTestId(page, `fact-${key}`).locator('[data-testid="fact-value"]'))
      assert.match(await fact('net_revenue'), /^¥/)
      assert.equal(digits(await fact('net_revenue')), digits(facts.net_revenue))
      assert.equal(digits(await fact('net_revenue_12m')), digits(facts.net_revenue_12m))
      assert.equal(await fact('order_count'), String(facts.order_count))
      assert.match(await fact('discount_share'), /%$/)
      assert.match(await fact('cancellation_rate'), /%$/)
      assert.match(await fact('return_rate'), /%$/)
      assert.match(await fact('typical_purchase_interval_days'), /天$/)
      assert.equal(await fact('first_order_at'), localDateTime(facts.first_order_at, tz))
      assert.equal(await fact('last_order_at'), localDateTime(facts.last_order_at, tz))

      // The chart: one category per month, gaps filled, drawn on a canvas.
      await assertChartDrawn(page)
      const months = await byTestId(page, 'revenue-chart').getAttribute('data-months')
      assert.equal(Number(months), expectedMonths(facts.monthly, tz))

      // Orders, newest first, in the company time zone.
      await byTestId(page, 'order-row').first().waitFor()
      assert.equal(await byTestId(page, 'order-row').count(), 20)
      const first = byTestId(page, 'order-row').first()
      assert.equal(await textOf(first.locator('[data-testid="order-open"]')), newest.external_id)
      assert.equal(await textOf(first.locator('[data-testid="order-date"]')), localDateTime(newest.ordered_at, tz))
      assert.equal(await first.locator('[data-testid="order-status"]').getAttribute('data-status'), newest.status)
      assert.equal(digits(await textOf(first.locator('[data-testid="order-total"]'))), digits(newest.total_amount))

      // Expand: the order's lines.
      await first.locator('.el-table__expand-icon').click()
      const lines = card.locator('[data-testid="order-lines"]').first()
      await lines.waitFor()
      assert.equal(await lines.locator('[data-testid="order-line"]').count(), newest.lines.length)
      assert.equal(await textOf(lines.locator('[data-testid="order-line-sku"]').first()), newest.lines[0].sku)
      assert.equal(await textOf(lines.locator('[data-testid="order-line-product"]').first()), newest.lines[0].product_name)

      // Older orders load with the cursor.
      const { body: twoPages } = await apiCall(page, 'GET', `/customers/${customer.id}/orders?limit=40`)
      await byTestId(page, 'orders-more').click()
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="order-row"]').length === n,
        twoPages.items.length,
      )
      const externalIds = await byTestId(page, 'order-open').allTextContents()
      assert.deepEqual(externalIds.map((s) => s.trim()), twoPages.items.map((o) => o.external_id))

      // The order's detail: never changed by the ERP, so no history.
      await first.locator('[data-testid="order-open"]').click()
      const drawer = byTestId(page, 'order-drawer')
      await drawer.locator('[data-testid="order-detail"]').waitFor()
      assert.equal(await textOf(drawer.locator('[data-testid="order-detail-external_id"]')), newest.external_id)
      assert.equal(await drawer.locator('[data-testid="order-detail-lines"] [data-testid="order-line"]').count(), newest.lines.length)
      await drawer.locator('[data-testid="order-history-empty"]').waitFor()
    })
  })

  test('a customer without orders shows the empty state', async (t) => {
    await asUser(browser, t, 'am.zhang', async (page) => {
      const { customer } = await findCustomer(page, (f) => f.orders_placed === 0)
      await open360(page, customer.id)
      await byTestId(page, 'transactions-empty').waitFor()
      assert.match(await textOf(byTestId(page, 'transactions-empty')), /暂无订单/)
      assert.equal(await byTestId(page, 'orders-table').count(), 0)
      assert.equal(await byTestId(page, 'revenue-chart').count(), 0)
    })
  })
})

describe('integrations', () => {
  test('the administrator sees the demo ERP key in use, creates a key shown once and revokes it', async (t) => {
    await asUser(browser, t, 'admin', async (page) => {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL })
      await byTestId(page, 'nav-integrations').click()
      await page.waitForURL(/\/integrations$/)
      const demo = byTestId(page, 'api-key-row').filter({ hasText: 'erp-demo' })
      await demo.waitFor()
      assert.ok(Number(await demo.locator('[data-testid="api-key-requests"]').getAttribute('data-value')) > 0)
      assert.ok(Number(await demo.locator('[data-testid="api-key-items"]').getAttribute('data-value')) > 0)
      assert.equal(await demo.locator('[data-testid="api-key-status"]').getAttribute('data-status'), 'active')
      assert.match(await textOf(demo.locator('[data-testid="api-key-status"]')), /有效/)

      // A key needs a scope (the form says so before anything is sent).
      const name = unique('e2e-key-')
      await byTestId(page, 'new-api-key').click()
      await inputOf(page, 'api-key-form-name').fill(name)
      await byTestId(page, 'api-key-form-submit').click()
      await byTestId(page, 'api-key-form').locator('[data-testid="field-error-scopes"]').waitFor()
      await byTestId(page, 'api-key-form-scope-customers:write').click()
      await byTestId(page, 'api-key-form-scope-orders:write').click()
      await byTestId(page, 'api-key-form-submit').click()

      // Shown once, with a warning and a copy button.
      const shown = byTestId(page, 'api-key-created')
      await shown.waitFor()
      assert.match(await textOf(shown.locator('[data-testid="api-key-warning"]')), /无法再次查看/)
      const key = await inputOf(page, 'api-key-value').inputValue()
      assert.match(key, /^kh_/)
      await byTestId(page, 'copy-api-key').click()
      await page.locator('.el-message', { hasText: '已复制' }).waitFor()
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key)
      await byTestId(page, 'api-key-created-close').click()
      await shown.waitFor({ state: 'hidden' })
      assert.ok(!(await page.content()).includes(key), 'the key is gone from the page once the dialog is closed')

      const row = byTestId(page, 'api-key-row').filter({ hasText: name })
      await row.waitFor()
      assert.deepEqual(await row.locator('[data-testid="api-key-scope"]').allTextContents().then((a) => a.map((s) => s.trim())), [
        'customers:write',
        'orders:write',
      ])
      assert.equal(await textOf(row.locator('[data-testid="api-key-last-used"]')), '从未使用')
      assert.ok(key.startsWith(`kh_${await textOf(row.locator('[data-testid="api-key-prefix"]'))}`))

      // The key works until it is revoked.
      const probe = { customers: [{ external_id: unique('E2E-C-'), name: unique('集成测试客户'), customer_type: 'other' }] }
      assert.equal((await sendWithKey(key, '/customers/batch', probe)).status, 200)
      await row.locator('[data-testid="revoke-api-key"]').click()
      const box = page.locator('.el-message-box')
      await box.waitFor()
      assert.match(await box.textContent(), new RegExp(name))
      await box.locator('.el-message-box__btns .el-button--danger').click()
      await page.locator('.el-message', { hasText: '密钥已吊销' }).waitFor()
      await page.waitForFunction(
        (n) =>
          [...document.querySelectorAll('[data-testid="api-key-row"]')]
            .find((r) => r.textContent.includes(n))
            ?.querySelector('[data-testid="api-key-status"]')
            ?.getAttribute('data-status') === 'revoked',
        name,
      )
      assert.equal(await row.locator('[data-testid="revoke-api-key"]').count(), 0)
      assert.equal((await sendWithKey(key, '/customers/batch', probe)).status, 401)
    })
  })

  test('an order the ERP changed shows its history; the new screens in English', async (t) => {
    await asUser(browser, t, 'admin', async (page) => {
      // An integration with its own key sends a customer and an order, then changes the order.
      const created = await apiCall(page, 'POST', '/api-keys', { name: unique('e2e-erp-'), scopes: ['customers:write', 'orders:write'] })
      assert.equal(created.status, 201)
      const key = created.body.key
      const customerRef = unique('E2E-C-')
      const sent = await sendWithKey(key, '/customers/batch', {
        customers: [{ external_id: customerRef, name: unique('集成测试酒店'), customer_type: 'hotel', owner_username: 'am.zhang' }],
      })
      assert.equal(sent.body.results[0].status, 'created')
      const customerId = sent.body.results[0].id
      const orderRef = unique('E2E-SO-')
      const order = {
        external_id: orderRef,
        customer_external_id: customerRef,
        ordered_at: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        status: 'placed',
        total_amount: '200.00',
        lines: [{ sku: 'FZ-1001', product_name: '速冻虾仁 1kg', quantity: '2', unit_price: '100.00' }],
      }
      assert.equal((await sendWithKey(key, '/orders/batch', { orders: [order] })).body.results[0].status, 'created')
      const changed = {
        ...order,
        status: 'delivered',
        total_amount: '298.00',
        lines: [...order.lines, { sku: 'FZ-1003', product_name: '澳洲牛排 10片', quantity: '1', unit_price: '98.00' }],
      }
      assert.equal((await sendWithKey(key, '/orders/batch', { orders: [changed] })).body.results[0].status, 'updated')

      await open360(page, customerId)
      await byTestId(page, 'locale-switch').selectOption('en')
      const card = byTestId(page, 'card-transactions')
      await page.waitForFunction(
        () => document.querySelector('[data-testid="card-transactions"] .card-header')?.textContent?.trim() === 'Transactions',
      )
      assert.match(await card.textContent(), /Net revenue per month/)
      assert.match(await card.textContent(), /Orders \(newest first\)/)
      assert.match(await textOf(byTestId(page, 'fact-net_revenue').locator('[data-testid="fact-value"]')), /^CN¥298\.00$/)
      await assertChartDrawn(page)
      const row = byTestId(page, 'order-row')
      await row.first().waitFor()
      assert.equal(await row.count(), 1)
      assert.equal(await textOf(row.locator('[data-testid="order-status"]')), 'Delivered')
      assert.equal(await byTestId(page, 'orders-more').count(), 0)

      // The drawer: the current version and what the ERP changed.
      await row.locator('[data-testid="order-open"]').click()
      const drawer = byTestId(page, 'order-drawer')
      await drawer.locator('[data-testid="order-detail"]').waitFor()
      assert.equal(await textOf(drawer.locator('[data-testid="order-detail-version"]')), 'v2')
      assert.match(await drawer.textContent(), /Version history/)
      const revision = drawer.locator('[data-testid="order-revision"]')
      assert.equal(await revision.count(), 1)
      assert.equal(await revision.getAttribute('data-version'), '1')
      const change = (field) => revision.locator(`[data-testid="order-revision-change"][data-field="${field}"]`)
      assert.equal(await textOf(change('status').locator('[data-testid="order-revision-before"]')), 'Placed')
      assert.equal(await textOf(change('status').locator('[data-testid="order-revision-after"]')), 'Delivered')
      assert.equal(await textOf(change('total_amount').locator('[data-testid="order-revision-after"]')), 'CN¥298.00')
      assert.equal(await drawer.locator('[data-testid="order-detail-lines"] [data-testid="order-line"]').count(), 2)
      // The lines before the change, folded away until asked for.
      const oldLines = revision.locator('[data-testid="order-line"]')
      assert.equal(await oldLines.count(), 1)
      assert.equal(await oldLines.isVisible(), false)
      await revision.locator('summary').click()
      await oldLines.waitFor()
      assert.equal(await textOf(oldLines.locator('[data-testid="order-line-sku"]')), 'FZ-1001')
      await page.keyboard.press('Escape')
      await drawer.locator('[data-testid="order-detail"]').waitFor({ state: 'hidden' })

      // The integrations page in English: the key has been used (3 requests).
      await byTestId(page, 'nav-integrations').click()
      await page.waitForURL(/\/integrations$/)
      assert.match(await textOf(page.locator('h1').first()), /^Integrations/)
      assert.equal(await textOf(byTestId(page, 'new-api-key')), 'New API key')
      const keyRow = byTestId(page, 'api-key-row').filter({ hasText: created.body.name })
      await keyRow.waitFor()
      assert.equal(await keyRow.locator('[data-testid="api-key-requests"]').getAttribute('data-value'), '3')
      assert.equal(await textOf(keyRow.locator('[data-testid="api-key-status"]')), 'Active')
      assert.notEqual(await textOf(keyRow.locator('[data-testid="api-key-last-used"]')), 'Never')
      assert.equal((await apiCall(page, 'DELETE', `/api-keys/${created.body.id}`)).status, 204)
    })
  })

  test('only administrators see and reach the integrations page', async (t) => {
    for (const username of ['hq.lin', 'am.zhang']) {
      await asUser(browser, t, username, async (page) => {
        assert.equal(await byTestId(page, 'nav-customers').count(), 1)
        assert.equal(await byTestId(page, 'nav-integrations').count(), 0)
        assert.equal((await apiCall(page, 'GET', '/api-keys')).status, 403)
        await page.goto(`${BASE_URL}/integrations`)
        await page.waitForURL(/\/customers$/)
        assert.equal(await byTestId(page, 'integrations-page').count(), 0)
      })
    }
  })
})
