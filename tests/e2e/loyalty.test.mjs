// The loyalty dashboard (/loyalty) and the loyalty card of the customer 360 page: an analyst sees the RFM grid,
// the health distribution and the churn-risk list as the API has them (the rows, their health and their reasons,
// more rows with "load more"), stage and core counts that open the customer list filtered by them (removable
// chips), a churn-risk customer's 360 page with the health gauge, the reasons as sentences and the figures of
// GET /customers/{id}/loyalty; the same in English; an administrator recomputes (a new run, as of today).
// Nothing is written except by the last test's recompute, which is idempotent for the day.
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

const sum = (xs) => xs.reduce((a, b) => a + b, 0)
const digits = (text) => Number(text.replace(/[^\d.-]/g, ''))

/** The chart's canvas is there, has a size and something drawn on it. */
async function assertChartDrawn(page, testid) {
  await page.locator(`[data-testid="${testid}"] canvas`).first().waitFor()
  await page.waitForFunction((id) => {
    const c = document.querySelector(`[data-testid="${id}"] canvas`)
    if (!c || c.width === 0 || c.height === 0) return false
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
    let painted = 0
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++
    return painted > 500
  }, testid)
}

/** The churn-risk rows' customer ids, in the table's order. */
async function churnIds(page) {
  return byTestId(page, 'churn-customer').evaluateAll((links) => links.map((a) => Number(a.dataset.customerId)))
}

/** The sentence the card should show for the recency signal (rounded like the page). */
function recencySentence(signal, locale) {
  const days = Math.round(signal.value)
  if (signal.baseline === null) {
    return locale === 'en'
      ? `Last order ${days} days ago; no usual interval yet (30 days assumed)`
      : `距上次下单 ${days} 天；尚无固定下单周期（按 30 天计）`
  }
  const interval = Math.round(Math.max(1, signal.baseline))
  return locale === 'en' ? `Last order ${days} days ago; usually every ${interval} days` : `距上次下单 ${days} 天；通常每 ${interval} 天下单一次`
}

/** The loyalty card shows GET /customers/{id}/loyalty: gauge, reasons in order, stage, class, segment, CLV. */
async function assertCardMatches(page, id, locale) {
  const { status, body: loyalty } = await apiCall(page, 'GET', `/customers/${id}/loyalty`)
  assert.equal(status, 200)
  assert.ok(loyalty, `customer ${id} has loyalty figures`)
  const card = byTestId(page, 'loyalty-card')
  await card.waitFor()
  await byTestId(page, 'loyalty-reason').first().waitFor()
  await assertChartDrawn(page, 'loyalty-gauge')
  assert.equal(await byTestId(page, 'loyalty-gauge').getAttribute('data-value'), loyalty.health_score)
  assert.equal(await byTestId(page, 'loyalty-as-of').getAttribute('data-value'), loyalty.as_of)
  assert.equal(await byTestId(page, 'loyalty-stage').getAttribute('data-value'), loyalty.stage)
  assert.equal(await byTestId(page, 'loyalty-value-class').getAttribute('data-value'), loyalty.value_class ?? '')
  assert.equal(await byTestId(page, 'loyalty-segment').getAttribute('data-value'), loyalty.segment ?? '')
  assert.equal(await byTestId(page, 'loyalty-core').count(), loyalty.core ? 1 : 0)
  if (loyalty.rfm) assert.equal(await byTestId(page, 'loyalty-rfm').getAttribute('data-value'), loyalty.rfm.code)
  // Unknown (the models could not predict this customer) reads as a dash, like every unknown figure.
  const pAlive = loyalty.p_alive === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(loyalty.p_alive)
  assert.equal((await byTestId(page, 'loyalty-p-alive').textContent()).trim(), pAlive)
  assert.equal(digits(await byTestId(page, 'loyalty-predicted').textContent()), Number(loyalty.predicted_revenue_12m))
  assert.equal(digits(await byTestId(page, 'loyalty-future-profit').textContent()), Number(loyalty.future_profit))

  // Every signal, in the API's order (largest contribution first), with its points; each a sentence.
  const reasons = await byTestId(page, 'loyalty-reason').evaluateAll((els) =>
    els.map((e) => ({ signal: e.dataset.signal, points: e.dataset.points, text: e.querySelector('[data-testid="reason-text"]').textContent.trim() })),
  )
  assert.deepEqual(
    reasons.map((r) => r.signal),
    loyalty.signals.map((s) => s.signal),
  )
  for (const [i, s] of loyalty.signals.entries()) {
    // (+ 0: the API may send -0.0, which the attribute writes as 0)
    assert.equal(reasons[i].points === '' ? null : Number(reasons[i].points), s.points === null ? null : s.points + 0, s.signal)
    assert.ok(reasons[i].text.length > 3 && !/[{}]/.test(reasons[i].text), `${s.signal}: ${reasons[i].text}`)
  }
  const recency = loyalty.signals.find((s) => s.signal === 'recency' && s.value !== null)
  if (recency) {
    assert.equal(reasons.find((r) => r.signal === 'recency').text, recencySentence(recency, locale))
  }
  return loyalty
}

describe('loyalty dashboard', () => {
  test('the RFM grid, the health chart and the churn-risk list match the API', async (t) => {
    await asUser(browser, t, 'analyst.wu', async (page) => {
      const { body: summary } = await apiCall(page, 'GET', '/loyalty/summary')
      assert.ok(summary.run, 'the demo data has a loyalty recompute')
      const { body: churn } = await apiCall(page, 'GET', '/loyalty/churn-risk?limit=20')
      assert.ok(churn.items.length > 0, 'the demo data has customers losing health')

      await byTestId(page, 'nav-loyalty').click()
      await page.waitForURL(/\/loyalty$/)
      await byTestId(page, 'loyalty-page').waitFor()
      assert.equal(await byTestId(page, 'loyalty-run-as-of').getAttribute('data-value'), summary.run.as_of)
      // Analysts read; recomputing is for administrators.
      assert.equal(await byTestId(page, 'loyalty-recompute').count(), 0)

      // The RFM grid: 25 cells holding every customer the API counts in it.
      await assertChartDrawn(page, 'rfm-heatmap')
      const heatmap = byTestId(page, 'rfm-heatmap')
      assert.equal(Number(await heatmap.getAttribute('data-cells')), 25)
      assert.equal(Number(await heatmap.getAttribute('data-total')), sum(summary.rfm.map((c) => c.customers)))

      // The health distribution: the API's ten buckets.
      await assertChartDrawn(page, 'health-chart')
      assert.equal(await byTestId(page, 'health-chart').getAttribute('data-buckets'), summary.health_buckets.join(','))
      assert.equal(Number(await byTestId(page, 'health-none').getAttribute('data-count')), summary.no_health)

      // Segments, and their sizes over time (an analyst sees every customer, so the history is there).
      await byTestId(page, 'loyalty-segments').scrollIntoViewIfNeeded()
      await assertChartDrawn(page, 'segment-chart')
      await assertChartDrawn(page, 'segment-history-chart')

      // The churn-risk list: the API's rows in its order, health now, change and the top reasons.
      await byTestId(page, 'churn-risk').scrollIntoViewIfNeeded()
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="churn-row"]').length === n, churn.items.length)
      assert.deepEqual(
        await churnIds(page),
        churn.items.map((i) => i.customer_id),
      )
      const rows = byTestId(page, 'churn-row')
      for (const [i, item] of churn.items.slice(0, 5).entries()) {
        const row = rows.nth(i)
        assert.equal((await row.locator('[data-testid="churn-customer"]').textContent()).trim(), item.name)
        assert.equal(await row.locator('[data-testid="churn-health"]').getAttribute('data-value'), item.health_score)
        assert.equal((await row.locator('[data-testid="churn-health"]').textContent()).trim(), item.health_score)
        assert.equal(await row.locator('[data-testid="churn-change"]').getAttribute('data-value'), item.health_change)
        const shown = await row.locator('[data-testid="churn-reason"]').evaluateAll((els) => els.map((e) => e.dataset.signal))
        const expected = item.reasons.filter((r) => r.points !== null && r.points < 0).sort((a, b) => a.points - b.points).slice(0, 3)
        assert.deepEqual(
          shown,
          expected.map((r) => r.signal),
        )
        assert.ok(shown.length >= 1, `customer ${item.customer_id} has a reason`)
      }

      // "Load more" appends the next page.
      if (churn.next_cursor) {
        const { body: next } = await apiCall(page, 'GET', `/loyalty/churn-risk?limit=20&cursor=${encodeURIComponent(churn.next_cursor)}`)
        await byTestId(page, 'churn-load-more').click()
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid="churn-row"]').length === n, churn.items.length + next.items.length)
        assert.deepEqual(
          await churnIds(page),
          [...churn.items, ...next.items].map((i) => i.customer_id),
        )
      }
    })
  })

  test('stage, core and health counts open the customer list filtered by them', async (t) => {
    await asUser(browser, t, 'analyst.wu', async (page) => {
      const { body: summary } = await apiCall(page, 'GET', '/loyalty/summary')
      const decline = summary.stages.find((s) => s.key === 'decline')?.customers ?? 0
      assert.ok(decline > 0, 'customers in decline')
      await page.goto(`${BASE_URL}/loyalty`)
      const count = page.locator('[data-testid="stage-count"][data-key="decline"]')
      await count.waitFor()
      assert.equal(Number(await count.getAttribute('data-count')), decline)
      for (const s of summary.stages) {
        assert.equal(Number(await page.locator(`[data-testid="stage-count"][data-key="${s.key}"]`).getAttribute('data-count')), s.customers, s.key)
      }
      for (const c of summary.value_classes.filter((v) => v.key)) {
        assert.equal(Number(await page.locator(`[data-testid="value-class-count"][data-key="${c.key}"]`).getAttribute('data-count')), c.customers, c.key)
      }

      await count.click()
      await page.waitForURL((url) => url.pathname === '/customers' && url.searchParams.get('stage') === 'decline')
      const chip = page.locator('[data-testid="loyalty-filter-chip"][data-key="stage"][data-value="decline"]')
      await chip.waitFor()
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="customer-row"]').length === n, Math.min(decline, 20))
      const hrefs = await byTestId(page, 'customer-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
      for (const href of hrefs.slice(0, 4)) {
        const { body } = await apiCall(page, 'GET', `${href}/loyalty`)
        assert.equal(body.stage, 'decline', href)
      }
      // Removing the chip lists every customer again.
      await chip.locator('.el-tag__close').click()
      await page.waitForURL((url) => url.pathname === '/customers' && !url.searchParams.has('stage'))
      assert.equal(await byTestId(page, 'loyalty-filter-chip').count(), 0)

      // Core customers.
      await page.goto(`${BASE_URL}/loyalty`)
      const core = byTestId(page, 'loyalty-core-count')
      await core.waitFor()
      assert.equal(Number(await core.getAttribute('data-count')), summary.core.customers)
      await core.click()
      await page.waitForURL((url) => url.pathname === '/customers' && url.searchParams.get('core') === 'true')
      await page.locator('[data-testid="loyalty-filter-chip"][data-key="core"]').waitFor()
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="customer-row"]').length === n, Math.min(summary.core.customers, 20))

      // Health below 40.
      await page.goto(`${BASE_URL}/loyalty`)
      const low = byTestId(page, 'health-low-link')
      await low.waitFor()
      assert.equal(Number(await low.getAttribute('data-count')), sum(summary.health_buckets.slice(0, 4)))
      await low.click()
      await page.waitForURL((url) => url.pathname === '/customers' && url.searchParams.get('health_max') === '39.9')
      await page.locator('[data-testid="loyalty-filter-chip"][data-key="health_max"]').waitFor()
      await byTestId(page, 'customer-row').first().waitFor()
      const [first] = await byTestId(page, 'customer-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
      const { body: firstLoyalty } = await apiCall(page, 'GET', `${first}/loyalty`)
      assert.ok(Number(firstLoyalty.health_score) <= 39.9, `${first}: ${firstLoyalty.health_score}`)
    })
  })

  test('a churn-risk customer opens the 360 page with the loyalty card', async (t) => {
    await asUser(browser, t, 'analyst.wu', async (page) => {
      await page.goto(`${BASE_URL}/loyalty`)
      const link = byTestId(page, 'churn-customer').first()
      await link.waitFor()
      const id = Number(await link.getAttribute('data-customer-id'))
      await link.click()
      await page.waitForURL((url) => url.pathname === `/customers/${id}`)
      const loyalty = await assertCardMatches(page, id, 'zh-CN')
      assert.ok(Number(loyalty.health_change) < 0, 'a churn-risk customer lost health')
    })
  })

  test('in English the dashboard and the card read in English', async (t) => {
    await asUser(browser, t, 'analyst.wu', async (page) => {
      await byTestId(page, 'locale-switch').selectOption('en')
      await byTestId(page, 'nav-loyalty').click()
      await byTestId(page, 'loyalty-page').waitFor()
      assert.equal((await byTestId(page, 'nav-loyalty').textContent()).trim(), 'Loyalty')
      assert.match(await byTestId(page, 'loyalty-rfm').textContent(), /RFM grid/)
      assert.match(await byTestId(page, 'loyalty-health').textContent(), /Health distribution/)
      assert.match(await byTestId(page, 'churn-risk').textContent(), /Churn risk/)
      assert.match(await byTestId(page, 'clv-deciles').textContent(), /Customer lifetime value/)
      assert.match(await byTestId(page, 'loyalty-lifecycle').textContent(), /Exploration[\s\S]*Formation[\s\S]*Stability[\s\S]*Decline/)
      assert.match(await byTestId(page, 'loyalty-lifecycle').textContent(), /Freezing point/)
      // The future-profit deciles with the settings they were computed with.
      const { body: settings } = await apiCall(page, 'GET', '/loyalty/settings')
      const clvSettings = byTestId(page, 'clv-settings')
      await clvSettings.waitFor()
      assert.equal(await clvSettings.getAttribute('data-horizon'), String(settings.horizon_months))
      assert.match(await clvSettings.textContent(), new RegExp(`horizon ${settings.horizon_months} months`))
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="clv-deciles"] [data-testid="decile-row"]').length === 10)

      const reason = byTestId(page, 'churn-reason').first()
      await reason.waitFor()
      assert.match((await reason.locator('[data-testid="reason-points"]').textContent()).trim(), /^-\d+\.\d$/)
      const reasonText = (await reason.locator('[data-testid="reason-text"]').textContent()).trim()
      assert.match(reasonText, /^(Last order|Net revenue|Discounts|\d+(\.\d+)?%? )/)
      assert.doesNotMatch(reasonText, /[\u4e00-\u9fff]/)

      const link = byTestId(page, 'churn-customer').first()
      const id = Number(await link.getAttribute('data-customer-id'))
      await link.click()
      await page.waitForURL((url) => url.pathname === `/customers/${id}`)
      await assertCardMatches(page, id, 'en')
      assert.match(await byTestId(page, 'loyalty-card').textContent(), /Probability alive[\s\S]*Future profit/)
    })
  })

  test('an administrator edits the loyalty settings (analysts cannot)', async (t) => {
    await asUser(browser, t, 'analyst.wu', async (page) => {
      await page.goto(`${BASE_URL}/loyalty`)
      await byTestId(page, 'loyalty-rfm').waitFor()
      assert.equal(await byTestId(page, 'loyalty-settings-open').count(), 0)
    })
    await asUser(browser, t, 'admin', async (page) => {
      const { body: before } = await apiCall(page, 'GET', '/loyalty/settings')
      await page.goto(`${BASE_URL}/loyalty`)
      await byTestId(page, 'loyalty-settings-open').click()
      const dialog = byTestId(page, 'loyalty-settings')
      await dialog.waitFor()
      await byTestId(page, 'loyalty-segment-rule').first().waitFor()
      assert.equal(await byTestId(page, 'loyalty-segment-rule').count(), before.segment_rules.length)
      const margin = byTestId(page, 'loyalty-setting-margin_percent').locator('input')
      await margin.fill('27')
      await margin.blur()
      const recency = byTestId(page, 'loyalty-setting-weight-recency').locator('input')
      await recency.fill('25')
      await recency.blur()
      await byTestId(page, 'loyalty-settings-save').click()
      await page.locator('.el-message--success').waitFor()
      const { body: after } = await apiCall(page, 'GET', '/loyalty/settings')
      assert.equal(after.version, before.version + 1)
      assert.equal(Number(after.margin_percent), 27)
      assert.equal(Number(after.health_weights.recency), 25)
      assert.deepEqual(after.segment_rules, before.segment_rules)
      // Unchanged thresholds come back as the same numbers (written with the form's precision: '0.200' for '0.2').
      for (const [key, value] of Object.entries(before.lifecycle)) assert.equal(Number(after.lifecycle[key]), Number(value), key)
      // Put the demo's settings back for whoever runs next.
      const { version, ...original } = before
      const restored = await apiCall(page, 'PUT', '/loyalty/settings', original, { 'If-Match': `"${after.version}"` })
      assert.equal(restored.status, 200)
    })
  })

  test('an administrator recomputes: a new run, the dashboard shows it', async (t) => {
    await asUser(browser, t, 'admin', async (page) => {
      const { body: before } = await apiCall(page, 'GET', '/loyalty/runs?limit=1')
      await page.goto(`${BASE_URL}/loyalty`)
      const button = byTestId(page, 'loyalty-recompute')
      await button.waitFor()
      await button.click()
      // Loading while it runs, then the new run's figures.
      await page.waitForFunction(() => document.querySelector('[data-testid="loyalty-recompute"]')?.classList.contains('is-loading'))
      await page.waitForFunction(() => !document.querySelector('[data-testid="loyalty-recompute"]')?.classList.contains('is-loading'))
      await page.locator('.el-message--success').waitFor()
      const { body: afterRuns } = await apiCall(page, 'GET', '/loyalty/runs?limit=1')
      assert.ok(afterRuns.items[0].id > (before.items[0]?.id ?? 0), 'a new run')
      assert.equal(afterRuns.items[0].trigger, 'manual')
      await page.waitForFunction(
        (asOf) => document.querySelector('[data-testid="loyalty-run-as-of"]')?.dataset.value === asOf,
        afterRuns.items[0].as_of,
      )
      await assertChartDrawn(page, 'rfm-heatmap')
    })
  })
})
