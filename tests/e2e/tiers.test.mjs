// The tier dashboard (/tiers): the category matrix with counts that match the API and open the customer list
// filtered by that category (a removable chip) or by a grade combination, the transition heatmap, the
// key-account levels, the Pareto chart and the ten decile rows; the score model's what-if; an administrator
// previews a category rule change and sees how many customers would move (nothing is saved); an account
// manager gets the dashboard without the rule editors. Nothing here writes, except when the database has no
// approved score sheet at all: then a few are created and approved through the API first (once), so reruns
// against the same database work.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, PASSWORD, apiCall, asUser, byTestId, launch, newPage } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
  await ensureGraded()
})
after(async () => {
  await browser?.close()
})

const sum = (xs) => xs.reduce((a, b) => a + b, 0)
const cellsOf = (matrix, pred) => sum(matrix.cells.filter(pred).map((c) => c.customers))

/** Today's date (YYYY-MM-DD) in the company time zone. */
async function companyToday(page) {
  const { body } = await apiCall(page, 'GET', '/settings/public')
  return new Intl.DateTimeFormat('en-CA', { timeZone: body.time_zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

/** The quarter before the one of `today` (`2026-11-23` -> `2026Q3`). */
function lastCompleteQuarter(today) {
  const index = Number(today.slice(0, 4)) * 4 + Math.floor((Number(today.slice(5, 7)) - 1) / 3) - 1
  return `${Math.floor(index / 4)}Q${(index % 4) + 1}`
}

/** A page whose API calls are signed in as `username` (no UI login). */
async function apiSession(username) {
  const page = await newPage(browser)
  const res = await page.request.post(`${BASE_URL}/api/v1/auth/token`, {
    form: { username, password: PASSWORD, grant_type: 'password' },
    headers: { 'X-Requested-With': 'keyhold' },
  })
  assert.equal(res.status(), 200, `login ${username}`)
  return page
}

/**
 * Graded customers for the matrix: the demo data approves sheets for two quarters; should a database have
 * none, am.zhang scores three of his customers at every indicator's maximum (grades A/A/A: strongholds) for
 * the last complete quarter and sm.sh approves them.
 */
async function ensureGraded() {
  const admin = await apiSession('admin')
  try {
    const { body: matrix } = await apiCall(admin, 'GET', '/tiers/category-matrix')
    if (sum(matrix.cells.map((c) => c.customers)) > 0) return
  } finally {
    await admin.context().close()
  }
  const filler = await apiSession('am.zhang')
  const reviewer = await apiSession('sm.sh')
  try {
    const period = lastCompleteQuarter(await companyToday(filler))
    const { body: list } = await apiCall(filler, 'GET', '/customers?limit=50')
    let approved = 0
    for (const c of list.items.filter((x) => x.partition !== 'abandoned')) {
      if (approved >= 3) break
      const { body: sheets } = await apiCall(filler, 'GET', `/customers/${c.id}/score-sheets`)
      if (sheets.items.some((s) => s.period === period)) continue
      const created = await apiCall(filler, 'POST', `/customers/${c.id}/score-sheets`, { period })
      if (created.status !== 201) continue
      let sheet = created.body
      const values = Object.fromEntries(sheet.indicators.map((i) => [i.key, Number(i.weight)]))
      const notes = Object.fromEntries(sheet.indicators.filter((i) => i.computed).map((i) => [i.key, 'e2e: scored at the maximum']))
      const ifMatch = (s) => ({ 'If-Match': `"${s.version}"` })
      const patched = await apiCall(filler, 'PATCH', `/score-sheets/${sheet.id}`, { values, notes }, ifMatch(sheet))
      assert.equal(patched.status, 200, JSON.stringify(patched.body))
      sheet = patched.body
      const submitted = await apiCall(filler, 'POST', `/score-sheets/${sheet.id}/submit`, undefined, ifMatch(sheet))
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body))
      const ok = await apiCall(reviewer, 'POST', `/score-sheets/${sheet.id}/approve`, {}, ifMatch(submitted.body))
      assert.equal(ok.status, 200, JSON.stringify(ok.body))
      approved++
    }
    assert.ok(approved > 0, 'could not approve any score sheet for the tier dashboard')
  } finally {
    await filler.context().close()
    await reviewer.context().close()
  }
}

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

/** Customer ids of the list's rows (from their links). */
async function listedIds(page) {
  const hrefs = await byTestId(page, 'customer-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
  return hrefs.map((h) => Number(h.split('/').pop()))
}

describe('tier dashboard', () => {
  test('the category matrix counts match the API and a count opens the customer list filtered by it', async (t) => {
    await asUser(browser, t, 'admin', async (page) => {
      const { body: matrix } = await apiCall(page, 'GET', '/tiers/category-matrix')
      await byTestId(page, 'nav-tiers').click()
      await page.waitForURL(/\/tiers$/)
      await byTestId(page, 'category-matrix').waitFor()
      await byTestId(page, 'matrix-category').first().waitFor()

      // Every rule has a tile, in rule order, with the API's count.
      const keys = await byTestId(page, 'matrix-category').evaluateAll((els) => els.map((e) => e.dataset.category))
      assert.deepEqual(keys.slice(0, matrix.rules.length), matrix.rules.map((r) => r.key))
      for (const r of matrix.rules) {
        const shown = await page.locator(`[data-testid="matrix-category-count"][data-category="${r.key}"]`).getAttribute('data-count')
        assert.equal(Number(shown), cellsOf(matrix, (c) => c.category === r.key), r.key)
      }
      // The grid's cells add up to every graded customer.
      const gridCounts = await byTestId(page, 'matrix-cell').evaluateAll((els) => els.map((e) => Number(e.dataset.count)))
      assert.equal(sum(gridCounts), sum(matrix.cells.map((c) => c.customers)))

      // The transition heatmap between the last two complete quarters is drawn.
      await byTestId(page, 'tier-movement').scrollIntoViewIfNeeded()
      await byTestId(page, 'transition-heatmap-block').waitFor()
      if ((await byTestId(page, 'transition-heatmap').count()) > 0) await assertChartDrawn(page, 'transition-heatmap')

      // The largest category's count opens the customer list filtered by that category.
      const target = [...matrix.rules]
        .map((r) => ({ key: r.key, n: cellsOf(matrix, (c) => c.category === r.key) }))
        .sort((a, b) => b.n - a.n)[0]
      assert.ok(target.n > 0, 'no graded customers')
      await page.locator(`[data-testid="matrix-category-count"][data-category="${target.key}"]`).click()
      await page.waitForURL((url) => url.pathname === '/customers' && url.searchParams.get('category') === target.key)
      const chip = page.locator(`[data-testid="tier-filter-chip"][data-key="category"][data-value="${target.key}"]`)
      await chip.waitFor()
      await byTestId(page, 'customer-row').first().waitFor()
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="customer-row"]').length === n,
        Math.min(target.n, 20),
      )
      const ids = await listedIds(page)
      const details = await Promise.all(ids.slice(0, 5).map((id) => apiCall(page, 'GET', `/customers/${id}`)))
      for (const d of details) assert.equal(d.body.category, target.key, `customer ${d.body.id}`)

      // Removing the chip lists every customer again.
      await chip.locator('.el-tag__close').click()
      await page.waitForURL((url) => url.pathname === '/customers' && !url.searchParams.has('category'))
      assert.equal(await byTestId(page, 'tier-filter-chip').count(), 0)
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="customer-row"]').length === 20)
    })
  })

  test('a grade combination opens the customers with those grades', async (t) => {
    await asUser(browser, t, 'hq.lin', async (page) => {
      await page.goto(`${BASE_URL}/tiers`)
      const cell = byTestId(page, 'matrix-cell').first()
      await cell.waitFor()
      const grades = await cell.getAttribute('data-grades')
      const count = Number(await cell.getAttribute('data-count'))
      await cell.click()
      await page.waitForURL((url) => url.pathname === '/customers' && url.searchParams.get('basis') === grades[2])
      const url = new URL(page.url())
      assert.equal(url.searchParams.get('potential'), grades[0])
      assert.equal(url.searchParams.get('possibility'), grades[1])
      assert.equal(await byTestId(page, 'tier-filter-chip').count(), 3)
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="customer-row"]').length === n, Math.min(count, 20))
      const [first] = await listedIds(page)
      const { body } = await apiCall(page, 'GET', `/customers/${first}`)
      assert.deepEqual(body.grades, { potential: grades[0], possibility: grades[1], basis: grades[2] })
    })
  })

  test('the value tab draws the levels and the Pareto chart and lists ten deciles with money', async (t) => {
    await asUser(browser, t, 'admin', async (page) => {
      const { body: deciles } = await apiCall(page, 'GET', '/tiers/deciles?by=revenue')
      assert.equal(deciles.rows.length, 10)
      await page.goto(`${BASE_URL}/tiers`)
      await byTestId(page, 'tiers-tab-value').click()
      await page.waitForURL((url) => url.searchParams.get('tab') === 'value')
      await byTestId(page, 'tier-levels').waitFor()
      await assertChartDrawn(page, 'levels-chart')
      await byTestId(page, 'tier-abc').scrollIntoViewIfNeeded()
      await assertChartDrawn(page, 'pareto-chart')
      assert.equal(await byTestId(page, 'abc-class').count(), 3)

      await byTestId(page, 'tier-deciles').scrollIntoViewIfNeeded()
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="decile-row"]').length === 10)
      const totals = await byTestId(page, 'decile-total').allTextContents()
      assert.equal(totals.length, 10)
      // Money in zh-CN: ¥, grouped digits and fen; the first decile's total is the API's.
      assert.match(totals[0], /^¥\d{1,3}(,\d{3})*\.\d{2}$/)
      assert.equal(Number(totals[0].replace(/[^\d.]/g, '')), Number(deciles.rows[0].total))
    })
  })

  test('the what-if panel grades points and names the category', async (t) => {
    await asUser(browser, t, 'hq.lin', async (page) => {
      await page.goto(`${BASE_URL}/tiers?tab=model`)
      await byTestId(page, 'what-if-result').waitFor()
      await byTestId(page, 'what-if-fill-max').click()
      await page.waitForFunction(() =>
        ['potential', 'possibility', 'basis'].every((d) => document.querySelector(`[data-testid="what-if-${d}"]`)?.dataset.grade === 'A'),
      )
      await page.waitForFunction(() => document.querySelector('[data-testid="what-if-category"]')?.dataset.category === 'stronghold')
      await byTestId(page, 'what-if-clear').click()
      await page.waitForFunction(() => document.querySelector('[data-testid="what-if-potential"]')?.dataset.grade === 'C')
      // HQ key accounts may try the model but not change it.
      assert.equal(await byTestId(page, 'model-save').count(), 0)
    })
  })

  test('an administrator previews a category rule change and sees how many customers would move', async (t) => {
    await asUser(browser, t, 'admin', async (page) => {
      const { body: matrix } = await apiCall(page, 'GET', '/tiers/category-matrix')
      // A grade to take out of a rule that accepts two or more in a dimension, held by graded customers of that
      // category: exactly they leave it (earlier rules are unchanged, later ones only gain).
      let change = null
      for (const rule of matrix.rules.slice(0, -1)) {
        for (const dim of ['potential', 'possibility', 'basis']) {
          if (rule[dim].length < 2) continue
          for (const grade of rule[dim]) {
            const n = cellsOf(matrix, (c) => c.category === rule.key && c[dim] === grade)
            if (n > 0 && !change) change = { rule: rule.key, dim, grade, n }
          }
        }
      }
      assert.ok(change, 'no graded customer in a rule with a grade to take out')

      await page.goto(`${BASE_URL}/tiers?tab=rules`)
      const row = page.locator(`[data-testid="rule-row"][data-key="${change.rule}"]`)
      await row.waitFor()
      assert.equal(await byTestId(page, 'rules-preview-button').isDisabled(), true)
      await row.locator(`[data-testid="rule-${change.dim}-${change.grade}"]`).click()
      const picker = row.locator(`[data-testid="rule-${change.dim}"]`)
      assert.equal(await picker.getAttribute('data-grades'), matrix.rules.find((r) => r.key === change.rule)[change.dim].filter((g) => g !== change.grade).join(''))

      await byTestId(page, 'rules-preview-button').click()
      const moving = byTestId(page, 'rules-preview-moving')
      await moving.waitFor()
      assert.equal(Number(await moving.getAttribute('data-value')), change.n)
      assert.ok((await byTestId(page, 'rules-preview-move').count()) >= 1)

      // Reset: nothing was saved.
      await byTestId(page, 'rules-reset').click()
      assert.equal(await byTestId(page, 'rules-preview').count(), 0)
      const { body: rules } = await apiCall(page, 'GET', '/category-rules')
      assert.deepEqual(rules.items, matrix.rules)
    })
  })

  test('an account manager sees the dashboard in English without the rule editors', async (t) => {
    await asUser(browser, t, 'am.zhang', async (page) => {
      await byTestId(page, 'locale-switch').selectOption('en')
      await byTestId(page, 'nav-tiers').click()
      await byTestId(page, 'category-matrix').waitFor()
      assert.equal((await byTestId(page, 'nav-tiers').textContent()).trim(), 'Tiers')
      assert.match(await byTestId(page, 'category-matrix').textContent(), /Category matrix/)
      assert.equal(await byTestId(page, 'tiers-tab-rules').count(), 0)
      assert.equal(await byTestId(page, 'tiers-tab-settings').count(), 0)
      // A rules URL falls back to the dashboard.
      await page.goto(`${BASE_URL}/tiers?tab=rules`)
      await byTestId(page, 'category-matrix').waitFor()
      assert.equal(await byTestId(page, 'category-rules-editor').count(), 0)
    })
  })
})
