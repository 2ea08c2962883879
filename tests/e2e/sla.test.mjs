// The SLA report (/reports/sla) and the calendars & SLA settings (/admin/sla): an analyst sees the headline
// figures, the on-time rate of each timer and the charts of GET /reports/sla for the period shown (the default
// 12 weeks, a period in the URL, an org unit picked); an administrator adds a lunch break to the standard
// calendar's Monday, gets a 412 for saving over someone else's change, imports public holidays, and sets the
// major policy's confirmation target to 6 working hours (after a 412 that reloads the form; the last general
// policy cannot be deactivated); the dashboard in English. Nothing here depends on the demo data's numbers: they may all be zero.
// The calendar and the policy are put back to the seed's values through the API first, so a rerun against
// the same database sees the same starting point.
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

const TIMER_KINDS = ['first_response', 'confirmation', 'resolution']
const digits = (text) => Number(text.replace(/[^\d.-]/g, ''))
const textOf = async (locator) => (await locator.textContent()).trim()
const percent = (rate, locale) =>
  rate === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate)

function addDays(iso, days) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
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

/** The report the page shows (its period and org unit) and GET /reports/sla for the same. */
async function shownReport(page) {
  const period = byTestId(page, 'sla-period')
  await period.waitFor()
  const since = await period.getAttribute('data-since')
  const until = await period.getAttribute('data-until')
  const orgUnit = await period.getAttribute('data-org-unit')
  const query = new URLSearchParams({ from: since, to: until, ...(orgUnit ? { org_unit: orgUnit } : {}) })
  const { status, body } = await apiCall(page, 'GET', `/reports/sla?${query}`)
  assert.equal(status, 200)
  assert.equal(body.since, since)
  assert.equal(body.until, until)
  return body
}

/** The headline figures, on-time rates and charts match the report. */
async function assertDashboardMatches(page, report, locale) {
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="sla-report"]')?.getAttribute('data-received') === String(n),
    report.received,
  )
  assert.equal(digits(await textOf(byTestId(page, 'sla-received'))), report.received)
  assert.equal(digits(await textOf(byTestId(page, 'sla-major'))), report.major)
  assert.equal(digits(await textOf(byTestId(page, 'sla-open'))), report.open)
  const satisfaction = await textOf(byTestId(page, 'sla-satisfaction'))
  if (report.average_satisfaction === null) assert.equal(satisfaction, '—')
  else assert.equal(satisfaction, `${report.average_satisfaction.toFixed(1)} / 5`)
  for (const kind of TIMER_KINDS) {
    const timer = report.timers.find((t) => t.kind === kind)
    assert.equal(await textOf(byTestId(page, `sla-on-time-${kind}`)), percent(timer ? timer.on_time_rate : null, locale), kind)
  }

  if (report.received === 0) {
    await byTestId(page, 'sla-empty').waitFor()
    assert.equal(await byTestId(page, 'sla-weekly-chart').count(), 0)
    return
  }
  await assertChartDrawn(page, 'sla-on-time-chart')
  // Every week of the period, holding every complaint received.
  await assertChartDrawn(page, 'sla-weekly-chart')
  const weekly = byTestId(page, 'sla-weekly-chart')
  assert.equal(Number(await weekly.getAttribute('data-received')), report.received)
  assert.equal(Number(await weekly.getAttribute('data-breaches')), report.weeks.reduce((s, w) => s + w.breaches, 0))
  assert.ok(Number(await weekly.getAttribute('data-weeks')) >= report.weeks.length)

  // Breaches by store: the ten with the most.
  const stores = report.by_store.filter((r) => r.breaches > 0).sort((a, b) => b.breaches - a.breaches).slice(0, 10)
  if (stores.length) {
    await byTestId(page, 'sla-by-store-chart').scrollIntoViewIfNeeded()
    await assertChartDrawn(page, 'sla-by-store-chart')
    assert.equal(await byTestId(page, 'sla-by-store-chart').getAttribute('data-breaches'), stores.map((r) => r.breaches).join(','))
  } else {
    await byTestId(page, 'sla-by-store-empty').waitFor()
  }

  // Remedies: each kind's amount as money.
  const remedies = byTestId(page, 'sla-remedies')
  await remedies.scrollIntoViewIfNeeded()
  const rows = await byTestId(page, 'sla-remedy-row').evaluateAll((els) =>
    els.map((e) => ({ kind: e.dataset.kind, amount: Number(e.dataset.amount), text: e.querySelector('[data-testid="sla-remedy-amount"]').textContent.trim() })),
  )
  assert.deepEqual(rows.map((r) => r.kind).sort(), report.remedies.map((r) => r.kind).sort())
  for (const r of report.remedies) {
    const shown = rows.find((x) => x.kind === r.kind)
    assert.equal(shown.amount, Number(r.amount))
    assert.equal(shown.text, new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(Number(r.amount)))
  }
  if (report.remedies.length) await assertChartDrawn(page, 'sla-remedies-chart')
}

describe('SLA report', () => {
  test('the headline figures, on-time rates and charts are the API’s for the period shown', async (t) => {
    await asUser(browser, t, 'analyst.wu', async (page) => {
      await byTestId(page, 'nav-sla-report').click()
      await page.waitForURL(/\/reports\/sla/)
      await byTestId(page, 'sla-page').waitFor()

      // The default period: the 12 weeks up to today.
      const report = await shownReport(page)
      assert.equal(report.since, addDays(report.until, -83))
      const { body: defaults } = await apiCall(page, 'GET', '/reports/sla')
      assert.equal(defaults.since, report.since)
      assert.equal(defaults.until, report.until)
      await assertDashboardMatches(page, report, 'zh-CN')

      // A period in the URL: the last four weeks.
      const from = addDays(report.until, -27)
      await page.goto(`${BASE_URL}/reports/sla?from=${from}&to=${report.until}`)
      await page.waitForFunction((f) => document.querySelector('[data-testid="sla-period"]')?.dataset.since === f, from)
      const fourWeeks = await shownReport(page)
      assert.equal(fourWeeks.since, from)
      await assertDashboardMatches(page, fourWeeks, 'zh-CN')

      // A period long before any complaint: zeros, no rate, the empty state.
      await page.goto(`${BASE_URL}/reports/sla?from=2001-01-01&to=2001-01-31`)
      await page.waitForFunction(() => document.querySelector('[data-testid="sla-period"]')?.dataset.since === '2001-01-01')
      const empty = await shownReport(page)
      assert.equal(empty.received, 0)
      await assertDashboardMatches(page, empty, 'zh-CN')
      await page.goto(`${BASE_URL}/reports/sla?from=${from}&to=${report.until}`)
      await page.waitForFunction((f) => document.querySelector('[data-testid="sla-period"]')?.dataset.since === f, from)

      // An org unit picked: the store with the most complaints, if any (else the first store in the tree).
      const { body: units } = await apiCall(page, 'GET', '/org-units')
      const unit = units.items.find((u) => u.id === report.by_store[0]?.id) ?? units.items.find((u) => u.kind === 'store')
      await byTestId(page, 'sla-org-unit').click()
      await page.keyboard.type(unit.code)
      await page.locator('.el-select-dropdown__item:visible', { hasText: `(${unit.code})` }).first().click()
      await page.waitForURL((url) => url.searchParams.get('org_unit') === unit.code)
      await page.waitForFunction((id) => document.querySelector('[data-testid="sla-period"]')?.dataset.orgUnit === String(id), unit.id)
      const forUnit = await shownReport(page)
      assert.ok(forUnit.received <= fourWeeks.received)
      await assertDashboardMatches(page, forUnit, 'zh-CN')
    })
  })

  test('in English the dashboard reads in English with the same numbers', async (t) => {
    await asUser(browser, t, 'analyst.wu', async (page) => {
      await byTestId(page, 'locale-switch').selectOption('en')
      await page.goto(`${BASE_URL}/reports/sla`)
      await page.locator('h1', { hasText: 'SLA report' }).waitFor()
      const report = await shownReport(page)
      await assertDashboardMatches(page, report, 'en')
      assert.match(await textOf(byTestId(page, 'sla-tile-first_response')), /First response on time/)
      assert.equal(
        await textOf(byTestId(page, 'sla-period')),
        `${report.since} to ${report.until}`,
      )
      if (report.received > 0) {
        assert.match(await textOf(byTestId(page, 'sla-weekly')), /Weekly trend/)
      } else {
        assert.match(await textOf(byTestId(page, 'sla-empty')), /No complaints in this period/)
      }
    })
  })
})

/** The PUT body of a calendar as GET returns it, with `week` replaced. */
function calendarBody(c, week = c.week) {
  return {
    name: c.name,
    name_translations: c.name_translations,
    time_zone: c.time_zone,
    week,
    days: c.days.map((d) => ({ day: d.day, kind: d.kind, name: d.name, windows: d.windows })),
  }
}

/** Pick a time in a working-window select (typing it picks the matching quarter hour). */
async function pickTime(page, select, time) {
  await select.click()
  await page.keyboard.type(time)
  await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^\\s*${time}\\s*$`) }).first().click()
  await page.locator('.el-select-dropdown:visible').first().waitFor({ state: 'hidden' })
}

describe('calendars and SLA policies (admin)', () => {
  test('a lunch break on the standard calendar’s Monday; saving over a newer version; importing holidays', async (t) => {
    await asUser(browser, t, 'admin', async (page) => {
      // Start from the seed's Monday, 09:00-18:00.
      let { body: standard } = await apiCall(page, 'GET', '/sla/calendars/1')
      if (JSON.stringify(standard.week[0]) !== '["09:00-18:00"]') {
        const week = [['09:00-18:00'], ...standard.week.slice(1)]
        const res = await apiCall(page, 'PUT', '/sla/calendars/1', calendarBody(standard, week), { 'If-Match': `"${standard.version}"` })
        assert.equal(res.status, 200)
        standard = res.body
      }
      const { body: list } = await apiCall(page, 'GET', '/sla/calendars')

      await byTestId(page, 'nav-sla-settings').click()
      await page.waitForURL(/\/admin\/sla/)
      await byTestId(page, 'calendar-row').first().waitFor()
      assert.equal(await byTestId(page, 'calendar-row').count(), list.items.length)
      await page.locator('[data-testid="calendar-edit"][data-id="1"]').click()
      const editor = byTestId(page, 'calendar-editor')
      await editor.waitFor()
      assert.equal(await byTestId(page, 'calendar-save').isDisabled(), true) // nothing changed yet
      assert.equal(Number(await byTestId(page, 'calendar-working-day').getAttribute('data-hours')), standard.working_day_hours)
      assert.equal(await byTestId(page, 'calendar-day-row').count(), standard.days.length)

      // Monday: 09:00-12:00 and 13:30-18:00.
      const monday = byTestId(page, 'calendar-weekday-0')
      await pickTime(page, monday.locator('[data-testid="calendar-window-end"]').first(), '12:00')
      await monday.locator('[data-testid="calendar-window-add"]').click()
      await pickTime(page, monday.locator('[data-testid="calendar-window-start"]').nth(1), '13:30')
      await pickTime(page, monday.locator('[data-testid="calendar-window-end"]').nth(1), '18:00')
      assert.equal(await monday.getAttribute('data-windows'), '09:00-12:00,13:30-18:00')
      assert.equal(Number(await byTestId(page, 'calendar-working-day').getAttribute('data-hours')), 7.5)
      assert.equal(await monday.locator('[data-testid="calendar-weekday-problem"]').count(), 0)

      // Overlapping windows are shown as a problem and cannot be saved.
      await pickTime(page, monday.locator('[data-testid="calendar-window-start"]').nth(1), '11:00')
      await monday.locator('[data-testid="calendar-weekday-problem"]').waitFor()
      assert.equal(await byTestId(page, 'calendar-save').isDisabled(), true)
      await pickTime(page, monday.locator('[data-testid="calendar-window-start"]').nth(1), '13:30')
      await monday.locator('[data-testid="calendar-weekday-problem"]').waitFor({ state: 'detached' })

      await byTestId(page, 'calendar-save').click()
      await page.locator('.el-message--success').first().waitFor()
      const { body: saved } = await apiCall(page, 'GET', '/sla/calendars/1')
      assert.deepEqual(saved.week[0], ['09:00-12:00', '13:30-18:00'])
      assert.deepEqual(saved.week.slice(1), standard.week.slice(1))
      assert.equal(saved.working_day_hours, 7.5)
      assert.equal(saved.version, standard.version + 1)
      assert.equal(saved.days.length, standard.days.length)
      // The imported days are still imported (unchanged since the import).
      assert.equal(saved.days.filter((d) => d.imported).length, standard.days.filter((d) => d.imported).length)
      await page.waitForFunction(() => document.querySelector('[data-testid="calendar-working-day-hours"]')?.dataset.value === '7.5')

      // Someone else saves first: saving says so and reloads the calendar (412).
      const other = await apiCall(page, 'PUT', '/sla/calendars/1', calendarBody(saved), { 'If-Match': `"${saved.version}"` })
      assert.equal(other.status, 200)
      await inputOf(page, 'calendar-name').fill('Standard (edited)')
      await byTestId(page, 'calendar-save').click()
      await page.locator('.el-message--error', { hasText: '其他人已修改此记录' }).waitFor()
      await page.waitForFunction(
        (v) => document.querySelector('[data-testid="calendar-editor"]')?.textContent.includes(`版本 ${v}`),
        other.body.version,
      )
      assert.equal(await inputOf(page, 'calendar-name').inputValue(), saved.name)
      assert.equal((await apiCall(page, 'GET', '/sla/calendars/1')).body.name, saved.name)

      // Importing public holidays (the years preselected: this one and the next) reloads the calendar.
      await byTestId(page, 'calendar-import').click()
      await page.locator('.el-message--success', { hasText: '已导入' }).waitFor()
      const { body: imported } = await apiCall(page, 'GET', '/sla/calendars/1')
      assert.ok(imported.version > other.body.version)
      assert.ok(imported.days.length >= saved.days.length)
      assert.deepEqual(imported.week[0], ['09:00-12:00', '13:30-18:00'])
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="calendar-day-row"]').length === n, imported.days.length)
    })
  })

  test('the major policy’s confirmation target becomes 6 working hours; the last general policy stays active', async (t) => {
    await asUser(browser, t, 'admin', async (page) => {
      const generic = (severity, items) => items.find((p) => p.severity === severity && !p.key_account_level && !p.category && p.active)
      let { body: policies } = await apiCall(page, 'GET', '/sla/policies')
      let major = generic('major', policies.items)
      assert.ok(major, 'the seed has a major policy for every customer')
      if (major.targets.confirmation.unit !== 'working_hours' || Number(major.targets.confirmation.amount) !== 4) {
        const body = { ...major, targets: { ...major.targets, confirmation: { amount: 4, unit: 'working_hours' } } }
        for (const k of ['id', 'version']) delete body[k]
        const res = await apiCall(page, 'PUT', `/sla/policies/${major.id}`, body, { 'If-Match': `"${major.version}"` })
        assert.equal(res.status, 200)
        major = res.body
        policies = (await apiCall(page, 'GET', '/sla/policies')).body
      }

      await page.goto(`${BASE_URL}/admin/sla`)
      await byTestId(page, 'sla-tab-policies').click()
      await page.waitForURL(/tab=policies/)
      await byTestId(page, 'policy-row').first().waitFor()
      assert.equal(await byTestId(page, 'policy-row').count(), policies.items.length)
      const majorRow = byTestId(page, 'policy-row').filter({ has: page.locator(`[data-testid="policy-name"][data-id="${major.id}"]`) })
      assert.equal(await textOf(majorRow.locator('[data-testid="policy-targets"]')), '24 自然小时 / 4 工作小时 / 3 个工作日')

      await page.locator(`[data-testid="policy-edit"][data-id="${major.id}"]`).click()
      const dialog = byTestId(page, 'policy-form')
      await dialog.waitFor()
      // Major: three timers; the confirmation's amount and unit.
      await byTestId(page, 'policy-target-confirmation').waitFor()
      await inputOf(page, 'policy-target-confirmation-amount').fill('6')

      // Someone else saves first: saving says so and reloads the policy into the form (412).
      const body = { ...major }
      for (const k of ['id', 'version']) delete body[k]
      const other = await apiCall(page, 'PUT', `/sla/policies/${major.id}`, body, { 'If-Match': `"${major.version}"` })
      assert.equal(other.status, 200)
      major = other.body
      await byTestId(page, 'policy-save').click()
      await page.locator('.el-message--error', { hasText: '其他人已修改此记录' }).waitFor()
      await page.waitForFunction(() => document.querySelector('input[data-testid="policy-target-confirmation-amount"], [data-testid="policy-target-confirmation-amount"] input')?.value === '4.00')
      assert.equal(await dialog.isVisible(), true)

      await inputOf(page, 'policy-target-confirmation-amount').fill('6')
      await byTestId(page, 'policy-save').click()
      await dialog.waitFor({ state: 'hidden' })
      await page.locator('.el-message--success').first().waitFor()
      const { body: after } = await apiCall(page, 'GET', '/sla/policies')
      const changed = after.items.find((p) => p.id === major.id)
      assert.equal(Number(changed.targets.confirmation.amount), 6)
      assert.equal(changed.targets.confirmation.unit, 'working_hours')
      assert.equal(Number(changed.targets.first_response.amount), Number(major.targets.first_response.amount))
      assert.equal(changed.version, major.version + 1)
      await page.waitForFunction(
        (id) =>
          [...document.querySelectorAll('[data-testid="policy-row"]')]
            .find((r) => r.querySelector(`[data-testid="policy-name"][data-id="${id}"]`))
            ?.querySelector('[data-testid="policy-targets"]')
            .textContent.trim() === '24 自然小时 / 6 工作小时 / 3 个工作日',
        major.id,
      )

      // A general policy has no confirmation timer; the only general policy for every customer cannot be
      // switched off (409): the dialog says why and stays open.
      const general = generic('general', after.items)
      const others = after.items.filter((p) => p.severity === 'general' && !p.key_account_level && !p.category && p.active)
      await page.locator(`[data-testid="policy-edit"][data-id="${general.id}"]`).click()
      await dialog.waitFor()
      assert.equal(await byTestId(page, 'policy-target-confirmation').count(), 0)
      if (others.length === 1) {
        await byTestId(page, 'policy-form-active').click()
        await byTestId(page, 'policy-save').click()
        await page.locator('.el-message--error').first().waitFor()
        assert.equal(await dialog.isVisible(), true)
        const { body: still } = await apiCall(page, 'GET', '/sla/policies')
        assert.equal(still.items.find((p) => p.id === general.id).active, true)
      }
    })
  })
})
