// Complaints with SLA timers: a service agent of the Shanghai store records a general complaint from a customer's
// 360 page, sees its first-response countdown tick on the complaint's page, responds and escalates it (it becomes
// major, with a confirmation timer) and finds it in the queue (filters in the URL); the HQ key-account department
// (hq.lin, a fresh session) confirms it, sets a task group and resolves it with a compensation. After each step
// the page's status, timers (data-status), action buttons and timeline match GET /complaints/{id}, read with the
// page's own session; the detail reads in English too. Each run records a new complaint with a unique summary.
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

/** The complaint as the API has it for the page's user. */
async function fetchComplaint(page, id) {
  const { status, body } = await apiCall(page, 'GET', `/complaints/${id}`)
  assert.equal(status, 200)
  return body
}

async function waitForStatus(page, status) {
  await page.locator(`[data-testid="complaint-status"][data-status="${status}"]`).waitFor()
}

/** Status, action buttons, timers and timeline on the page are the API's. */
async function assertDetailMatches(page, id) {
  const c = await fetchComplaint(page, id)
  assert.equal(await byTestId(page, 'complaint-status').getAttribute('data-status'), c.status)
  assert.equal(await byTestId(page, 'complaint-severity').getAttribute('data-value'), c.severity)

  // Exactly the actions the server allows, in its order.
  const buttons = await page
    .locator('[data-testid="complaint-actions"] [data-testid^="action-"]')
    .evaluateAll((els) => els.map((e) => e.dataset.testid.replace(/^action-/, '')))
  assert.deepEqual(buttons, c.actions)

  // One card per timer with the status the server derives now (a countdown of hours does not change in a test).
  assert.equal(await page.locator('[data-testid^="complaint-timer-"]').count(), c.timers.length)
  for (const timer of c.timers) {
    const card = byTestId(page, `complaint-timer-${timer.kind}`)
    assert.equal(await card.getAttribute('data-status'), timer.status, timer.kind)
    assert.equal(await card.getAttribute('data-due'), timer.due_at, timer.kind)
  }

  // The timeline: every event, in order, with who did it (the system when no one did) and a sentence.
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="timeline-event"]').length === n,
    c.events.length,
  )
  const shown = await byTestId(page, 'timeline-event').evaluateAll((els) =>
    els.map((e) => ({
      id: Number(e.dataset.id),
      kind: e.dataset.kind,
      who: e.querySelector('[data-testid="timeline-who"]').textContent.trim(),
      text: e.querySelector('[data-testid="timeline-text"]').textContent.trim(),
    })),
  )
  assert.deepEqual(
    shown.map((e) => [e.id, e.kind]),
    c.events.map((e) => [e.id, e.kind]),
  )
  for (const [i, e] of c.events.entries()) {
    assert.equal(shown[i].who, e.actor ? e.actor.display_name : '系统', `who of ${e.kind}`)
    assert.ok(shown[i].text.length > 1 && !/[{}]|complaints\./.test(shown[i].text), `${e.kind}: ${shown[i].text}`)
  }
  return c
}

/** Run `trigger` and wait for the queue's GET /complaints whose query has `param` (e.g. `breached=true`). */
async function afterList(page, param, trigger) {
  const response = page.waitForResponse(
    (r) => r.request().method() === 'GET' && /\/api\/v1\/complaints\?/.test(r.url()) && r.url().includes(param),
  )
  await trigger()
  await response
}

const rowCount = (page) => page.locator('[data-testid="complaint-table"] [data-testid="complaint-row"]').count()

/** Open an action's dialog, let `fill` fill it, submit, wait for the dialog to close. */
async function act(page, action, fill = async () => {}) {
  await byTestId(page, `action-${action}`).click()
  const dialog = byTestId(page, `action-dialog-${action}`)
  await dialog.waitFor()
  await fill(dialog)
  await byTestId(page, 'action-submit').click()
  await dialog.waitFor({ state: 'hidden' })
}

describe('complaints', () => {
  let id
  let summary
  let customer

  test('a store service agent records a general complaint, responds and escalates it', async (t) => {
    await asUser(browser, t, 'cs.zhou', async (page) => {
      // A customer in scope, from the customer list, then its 360 page.
      const link = byTestId(page, 'customer-link').first()
      customer = await textOf(link)
      await link.click()
      await page.waitForURL(/\/customers\/\d+$/)
      const card = byTestId(page, 'customer-complaints-card')
      await card.waitFor()

      // The form: severity general, received now (the default), a summary and details.
      summary = unique('门板色差 ')
      await byTestId(page, 'new-complaint').click()
      await byTestId(page, 'complaint-form').waitFor()
      assert.equal(await textOf(byTestId(page, 'complaint-form-customer')), customer)
      await byTestId(page, 'complaint-form-severity-general').click()
      assert.match(await inputOf(page, 'complaint-form-received-at').inputValue(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
      await inputOf(page, 'complaint-form-summary').fill(summary)
      await inputOf(page, 'complaint-form-details').fill('客户反映新到的一批柜门颜色与样板不一致。')
      await byTestId(page, 'complaint-form-submit').click()

      // The new complaint's page.
      await page.waitForURL(/\/complaints\/\d+$/)
      id = Number(new URL(page.url()).pathname.split('/').pop())
      await waitForStatus(page, 'received')
      assert.equal(await textOf(byTestId(page, 'complaint-summary')), summary)
      assert.equal(await textOf(byTestId(page, 'complaint-customer')), customer)
      const created = await assertDetailMatches(page, id)
      assert.equal(created.severity, 'general')
      assert.deepEqual(created.timers.map((x) => x.kind).sort(), ['first_response', 'resolution'])
      assert.equal(created.received_by.username, 'cs.zhou')
      assert.equal(await textOf(byTestId(page, 'complaint-received-by')), created.received_by.display_name)
      assert.equal(await textOf(byTestId(page, 'complaint-policy')), created.policy_name)

      // The first-response countdown is live: it ticks every second, in words.
      const countdown = byTestId(page, 'timer-countdown-first_response')
      const before = await textOf(countdown)
      assert.match(before, /^剩余 \d+小时\d{2}分$|^剩余 \d+分\d{2}秒$|^剩余 \d+天\d+小时$/)
      const remaining = Number(await countdown.getAttribute('data-remaining'))
      await page.waitForFunction(
        (r) => Number(document.querySelector('[data-testid="timer-countdown-first_response"]').dataset.remaining) <= r - 2,
        remaining,
      )
      const apiTimer = created.timers.find((x) => x.kind === 'first_response')
      assert.ok(Math.abs(remaining - apiTimer.remaining_seconds) < 30, `${remaining} vs ${apiTimer.remaining_seconds}`)

      // Respond (meets the first-response timer), then escalate: it becomes major with a confirmation timer.
      await act(page, 'respond', async () => {
        await inputOf(page, 'action-note').fill('已致电客户，安排上门查看。')
      })
      await waitForStatus(page, 'responded')
      const responded = await assertDetailMatches(page, id)
      assert.equal(responded.timers.find((x) => x.kind === 'first_response').status, 'met')
      assert.equal(await byTestId(page, 'complaint-timer-first_response').getAttribute('data-status'), 'met')

      await act(page, 'escalate', async () => {
        await inputOf(page, 'action-reason').fill('涉及整批货品，需要总部协调。')
      })
      await page.locator('[data-testid="complaint-severity"][data-value="major"]').waitFor()
      await byTestId(page, 'complaint-timer-confirmation').waitFor()
      const escalated = await assertDetailMatches(page, id)
      assert.equal(escalated.severity, 'major')
      assert.ok(!escalated.actions.includes('confirm'), 'a store does not confirm')
      assert.ok(escalated.events.some((e) => e.kind === 'escalated' && e.actor?.username === 'cs.zhou'))
      assert.match(
        await textOf(page.locator('[data-testid="timeline-event"][data-kind="escalated"] [data-testid="timeline-note"]')),
        /需要总部协调/,
      )

      // The customer's card lists it with its countdown.
      await byTestId(page, 'complaint-customer').click()
      await page.waitForURL(/\/customers\/\d+$/)
      const item = page.locator(`[data-testid="customer-complaint"][data-id="${id}"]`)
      await item.waitFor()
      assert.ok((await item.locator('[data-testid="complaint-countdown"]').getAttribute('data-status')).length > 0)

      // The queue: the complaint with its nearest deadline; filters go into the URL.
      await byTestId(page, 'nav-complaints').click()
      await page.waitForURL(/\/complaints$/)
      const row = byTestId(page, 'complaint-row').filter({ has: page.locator(`[data-testid="complaint-link"][data-id="${id}"]`) })
      await row.waitFor()
      const { body: queue } = await apiCall(page, 'GET', `/complaints?open=true&q=${encodeURIComponent(summary)}`)
      const listed = queue.items.find((c) => c.id === id)
      assert.ok(listed, 'the API lists it')
      const nearest = listed.timers
        .filter((x) => !x.met_at && ['running', 'warning', 'breached'].includes(x.status))
        .sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at))[0]
      const rowCountdown = row.locator('[data-testid="complaint-countdown"]')
      assert.equal(await rowCountdown.getAttribute('data-kind'), nearest.kind)
      assert.equal(await rowCountdown.getAttribute('data-status'), nearest.status)
      assert.match(await textOf(row.locator('[data-testid="complaint-severity"]')), /重大投诉/)

      await byTestId(page, 'filter-major').click()
      await page.waitForURL(/major=1/)
      await byTestId(page, 'filter-mine').click()
      await page.waitForURL(/mine=1/)
      await row.waitFor()
      await inputOf(page, 'complaint-search').fill(summary)
      await page.waitForURL(/q=/)
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="complaint-row"]').length === 1)
      await row.waitFor()
      // Overdue only: a complaint received a minute ago is not overdue.
      await afterList(page, 'breached=true', () => byTestId(page, 'filter-breached').click())
      await page.waitForURL(/breached=1/)
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="complaint-row"]').length === 0)
      // The URL keeps the filters: a reload shows the same.
      await page.reload()
      assert.ok(await byTestId(page, 'filter-breached').evaluate((el) => el.classList.contains('is-checked')))
      assert.equal(await inputOf(page, 'complaint-search').inputValue(), summary)
      await byTestId(page, 'filter-breached').click()
      await row.waitFor()
      await row.click()
      await page.waitForURL(new RegExp(`/complaints/${id}$`))
      await waitForStatus(page, 'responded')
    })
  })

  test('the operations centre confirms it, sets a task group and resolves it with a compensation', async (t) => {
    assert.ok(id, 'the previous test recorded a complaint')
    await asUser(browser, t, 'hq.lin', async (page) => {
      await byTestId(page, 'notification-bell').waitFor()
      await page.goto(`${BASE_URL}/complaints?major=1&q=${encodeURIComponent(summary)}`)
      const row = byTestId(page, 'complaint-row').filter({ has: page.locator(`[data-testid="complaint-link"][data-id="${id}"]`) })
      await row.locator('[data-testid="complaint-link"]').click()
      await page.waitForURL(new RegExp(`/complaints/${id}$`))
      await waitForStatus(page, 'responded')
      const before = await assertDetailMatches(page, id)
      assert.ok(before.actions.includes('confirm'))

      await act(page, 'confirm', async () => {
        await byTestId(page, 'action-verified-yes').click()
        await inputOf(page, 'action-note').fill('经核实，批次色差属实。')
      })
      await waitForStatus(page, 'in_resolution')
      const confirmed = await assertDetailMatches(page, id)
      assert.equal(confirmed.verified, true)
      assert.equal(confirmed.timers.find((x) => x.kind === 'confirmation').status, 'met')

      // The task group: hq.lin (key accounts, the default) and am.zhang for marketing.
      await act(page, 'set_task_group', async () => {
        await byTestId(page, 'task-member-add').click()
        await byTestId(page, 'task-member-1').click()
        await page.locator('[data-testid="task-member-1-option"]:visible', { hasText: '(am.zhang)' }).click()
      })
      await byTestId(page, 'complaint-task-group').waitFor()
      const grouped = await assertDetailMatches(page, id)
      const members = await byTestId(page, 'task-member').evaluateAll((els) =>
        els.map((e) => [e.dataset.user, e.dataset.department]),
      )
      assert.deepEqual(members, grouped.task_group.map((m) => [m.user.username, m.department]))
      assert.deepEqual(members, [
        ['hq.lin', 'key_account'],
        ['am.zhang', 'marketing'],
      ])

      // Each member is notified, hq.lin too: the bell counts it and says so; opening it marks it read.
      const { body: notes } = await apiCall(page, 'GET', '/notifications?limit=10')
      const mine = notes.items.find((n) => n.kind === 'task_group' && n.complaint_id === id)
      assert.ok(mine, 'hq.lin is notified of the task group')
      assert.ok(notes.unread >= 1)
      await page.locator(`[data-testid="notification-count"][data-count="${notes.unread}"]`).waitFor()
      await byTestId(page, 'notification-bell').click()
      const item = page.locator(`[data-testid="notification-item"][data-id="${mine.id}"]`)
      await item.waitFor()
      assert.equal(await item.getAttribute('data-read'), 'false')
      assert.match(await textOf(item), new RegExp(`^您已加入${customer}投诉的专项服务工作组`))
      await item.click()
      await page.waitForFunction(
        (n) => (n === 0 ? !document.querySelector('[data-testid="notification-count"]') : document.querySelector('[data-testid="notification-count"]')?.dataset.count === String(n)),
        notes.unread - 1,
      )
      const { body: afterRead } = await apiCall(page, 'GET', '/notifications?limit=10')
      assert.equal(afterRead.unread, notes.unread - 1)
      assert.ok(afterRead.items.find((n) => n.id === mine.id).read_at)
      assert.equal(new URL(page.url()).pathname, `/complaints/${id}`)

      // Resolve with a compensation.
      await act(page, 'resolve', async () => {
        await inputOf(page, 'remedy-amount-0').fill('1200.50')
        await inputOf(page, 'remedy-note-0').fill('按批次补偿')
        await inputOf(page, 'action-note').fill('更换门板并补偿。')
      })
      await waitForStatus(page, 'resolved')
      const resolved = await assertDetailMatches(page, id)
      assert.deepEqual(
        resolved.remedies.map((r) => [r.kind, Number(r.amount)]),
        [['compensation', 1200.5]],
      )
      assert.equal(await byTestId(page, 'remedy-amount').getAttribute('data-value'), resolved.remedies[0].amount)
      for (const timer of resolved.timers) assert.ok(timer.met_at, `${timer.kind} is met`)
      assert.ok(resolved.actions.includes('close'))

      // The same page in English.
      await byTestId(page, 'locale-switch').selectOption('en')
      await page.locator('[data-testid="complaint-status"]', { hasText: 'Resolved' }).waitFor()
      assert.equal(await textOf(byTestId(page, 'complaint-severity')), 'Major')
      assert.match(await textOf(byTestId(page, 'action-close')), /^Close$/)
      const english = await byTestId(page, 'timeline-event').evaluateAll((els) =>
        Object.fromEntries(els.map((e) => [e.dataset.kind, e.querySelector('[data-testid="timeline-text"]').textContent.trim()])),
      )
      assert.equal(english.responded, 'Responded to the customer')
      assert.equal(english.task_group_set, `Task group set: ${resolved.task_group.map((m) => `${m.user.display_name} (${m.department === 'key_account' ? 'Key accounts' : 'Marketing'})`).join(', ')}`)
      assert.match(english.resolved, /^Resolved with Compensation .*1,200\.50$/)
      assert.match(english.received, /^Complaint received by Phone \(General\)$/)
      for (const kind of Object.keys(english)) assert.ok(!/[{}]|complaints\./.test(english[kind]), kind)
      const firstResponse = byTestId(page, 'timer-countdown-first_response')
      assert.match(await textOf(firstResponse), /^met( late)?$/)

      // A resolved complaint leaves the open queue; "open only" off shows it again.
      await byTestId(page, 'nav-complaints').click()
      await page.waitForURL(/\/complaints$/)
      await afterList(page, 'q=', () => inputOf(page, 'complaint-search').fill(summary))
      await page.waitForURL(/q=/)
      assert.equal(await rowCount(page), 0, 'a resolved complaint is not open')
      await byTestId(page, 'filter-open').click()
      await page.waitForURL(/open=0/)
      const row2 = byTestId(page, 'complaint-row').filter({ has: page.locator(`[data-testid="complaint-link"][data-id="${id}"]`) })
      await row2.waitFor()
      assert.equal(await textOf(row2.locator('[data-testid="complaint-row-status"]')), 'Resolved')
    })
  })
})
