// Customer actions beyond a plain edit: a stale edit (412), abandon / reinstate,
// contacts (add with a server field error, edit, end), bulk reassignment.
// Every test restores what it changed or writes unique values, so reruns work.
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

const asHq = (t, body) => asUser(browser, t, 'hq.lin', body)

async function firstRegularCustomer(page) {
  const { status, body } = await apiCall(page, 'GET', '/customers?partition=regular&limit=1')
  assert.equal(status, 200)
  assert.ok(body.items.length > 0, 'demo data has a regular customer')
  return body.items[0]
}

async function open360(page, id) {
  await page.goto(`${BASE_URL}/customers/${id}`)
  await byTestId(page, 'card-basic').waitFor()
}

const textOf = async (locator) => (await locator.textContent()).trim()

async function pickOption(page, selectTestId, optionTestId) {
  await byTestId(page, selectTestId).click()
  await page.locator(`[data-testid="${optionTestId}"]:visible`).click()
}

describe('customer actions (hq.lin)', () => {
  test('saving over someone else’s change says so and reloads the card (412)', async (t) => {
    await asHq(t, async (page) => {
      const customer = await firstRegularCustomer(page)
      await open360(page, customer.id)
      await byTestId(page, 'edit-customer').click()
      await inputOf(page, 'customer-form-address').fill(unique('我的地址'))

      // Someone else saves first.
      const theirs = unique('别人的地址')
      const current = await apiCall(page, 'GET', `/customers/${customer.id}`)
      const patched = await apiCall(page, 'PATCH', `/customers/${customer.id}`, { address: theirs }, {
        'If-Match': `"${current.body.version}"`,
      })
      assert.equal(patched.status, 200)

      await byTestId(page, 'customer-form-submit').click()
      await page.locator('.el-message', { hasText: '其他人已修改此记录' }).waitFor()
      await page.waitForFunction(
        (a) => document.querySelector('[data-testid="basic-address"]')?.textContent?.trim() === a,
        theirs,
      )
      const after = await apiCall(page, 'GET', `/customers/${customer.id}`)
      assert.equal(after.body.address, theirs, 'the stale save changed nothing')
    })
  })

  test('abandon with a reason and review date, then reinstate', async (t) => {
    await asHq(t, async (page) => {
      const customer = await firstRegularCustomer(page)
      await open360(page, customer.id)
      const reason = unique('暂停合作 ')

      await byTestId(page, 'abandon-customer').click()
      await inputOf(page, 'abandon-reason').fill(reason)
      const reviewOn = await inputOf(page, 'abandon-review-on').inputValue()
      assert.match(reviewOn, /^\d{4}-\d{2}-\d{2}$/)
      await byTestId(page, 'abandon-submit').click()
      await byTestId(page, 'abandoned-banner').waitFor()
      assert.match(await textOf(byTestId(page, 'abandoned-banner')), new RegExp(`${reason}.*${reviewOn}`))
      assert.equal(await textOf(byTestId(page, 'partition-tag')), '暂时放弃')
      await page.waitForFunction(
        () => document.querySelector('[data-testid="audit-entry"]')?.getAttribute('data-action') === 'abandon',
      )

      await byTestId(page, 'reinstate-customer').click()
      await byTestId(page, 'abandoned-banner').waitFor({ state: 'detached' })
      assert.equal(await textOf(byTestId(page, 'partition-tag')), '普通客户')
      await page.waitForFunction(
        () => document.querySelector('[data-testid="audit-entry"]')?.getAttribute('data-action') === 'reinstate',
      )
      const { body } = await apiCall(page, 'GET', `/customers/${customer.id}`)
      assert.equal(body.partition, 'regular')
    })
  })

  test('add a contact (server field error first), edit it, mark it as left', async (t) => {
    await asHq(t, async (page) => {
      const customer = await firstRegularCustomer(page)
      await open360(page, customer.id)
      const name = unique('测试联系人')

      await byTestId(page, 'add-contact').click()
      await inputOf(page, 'contact-form-name').fill(name)
      await pickOption(page, 'contact-form-decision_role', 'contact-form-decision_role-purchaser')
      await inputOf(page, 'contact-form-phone').fill('12ab')
      await byTestId(page, 'contact-form-submit').click()
      const phoneError = byTestId(page, 'contact-form').locator('[data-testid="field-error-phone"]')
      await phoneError.waitFor()
      assert.match(await phoneError.textContent(), /电话号码格式不正确/)

      await inputOf(page, 'contact-form-phone').fill('13812345678')
      await byTestId(page, 'contact-form-submit').click()
      const row = byTestId(page, 'contacts-current').locator('tr', { hasText: name })
      await row.waitFor()
      assert.match(await row.textContent(), /采购/)
      assert.match(await row.textContent(), /13812345678/)

      await row.locator('[data-testid="edit-contact"]').click()
      await inputOf(page, 'contact-form-title').fill('采购经理')
      await byTestId(page, 'contact-form-submit').click()
      await page.waitForFunction(
        (n) =>
          [...document.querySelectorAll('[data-testid="contacts-current"] tr')].some(
            (tr) => tr.textContent.includes(n) && tr.textContent.includes('采购经理'),
          ),
        name,
      )

      await byTestId(page, 'contacts-current').locator('tr', { hasText: name }).locator('[data-testid="end-contact"]').click()
      await inputOf(page, 'end-contact-reason').fill('跳槽')
      await byTestId(page, 'end-contact-submit').click()
      await byTestId(page, 'contacts-former').locator('tr', { hasText: name }).waitFor()
      assert.equal(await byTestId(page, 'contacts-current').locator('tr', { hasText: name }).count(), 0)
      assert.match(await byTestId(page, 'contacts-former').locator('tr', { hasText: name }).textContent(), /跳槽/)
      await page.waitForFunction(
        () => document.querySelector('[data-testid="audit-entry"]')?.getAttribute('data-action') === 'contact_end',
      )
    })
  })

  test('create a customer: nested field errors first, then the 360 page', async (t) => {
    await asHq(t, async (page) => {
      const name = unique('测试酒店')
      await byTestId(page, 'new-customer').click()
      await inputOf(page, 'customer-form-name').fill(name)
      await pickOption(page, 'customer-form-customer_type', 'customer-form-customer_type-hotel')
      await inputOf(page, 'customer-form-phone').fill('021-62345678')
      await byTestId(page, 'customer-form').getByText('客户特质').click()
      await inputOf(page, 'customer-form-characteristics.registered_capital').fill('很多')
      await byTestId(page, 'customer-form-submit').click()
      const capitalError = byTestId(page, 'field-error-characteristics.registered_capital')
      await capitalError.waitFor()
      assert.ok((await capitalError.textContent()).trim().length > 0)

      await inputOf(page, 'customer-form-characteristics.registered_capital').fill('5000000')
      await byTestId(page, 'customer-form-submit').click()
      await page.waitForURL(/\/customers\/\d+$/)
      await byTestId(page, 'card-basic').waitFor()
      assert.equal(await textOf(byTestId(page, 'basic-name')), name)
      assert.equal(await textOf(byTestId(page, 'basic-customer_type')), '酒店')
      assert.equal(await textOf(byTestId(page, 'basic-phone')), '021-62345678')
      assert.match(await textOf(byTestId(page, 'characteristic-registered_capital')), /^¥5,000,000(\.00)?$/)
      assert.equal(await textOf(byTestId(page, 'basic-owner')), '林海')
      await page.waitForFunction(
        () => document.querySelector('[data-testid="audit-entry"]')?.getAttribute('data-action') === 'create',
      )
    })
  })

  test('bulk reassignment from the list, then restored', async (t) => {
    await asHq(t, async (page) => {
      const rows = byTestId(page, 'customer-row')
      const ids = []
      for (let i = 0; i < 2; i++) {
        const href = await rows.nth(i).locator('[data-testid="customer-link"]').getAttribute('href')
        ids.push(Number(href.split('/').pop()))
      }
      const originals = []
      for (const id of ids) originals.push((await apiCall(page, 'GET', `/customers/${id}`)).body)
      const target = originals.some((c) => c.owner?.username === 'am.sun')
        ? { username: 'am.zhao', name: '赵敏' }
        : { username: 'am.sun', name: '孙晓东' }

      try {
        for (let i = 0; i < 2; i++) await rows.nth(i).locator('.el-checkbox').click()
        assert.match(await textOf(byTestId(page, 'bulk-reassign')), /\(2\)/)
        await byTestId(page, 'bulk-reassign').click()
        const dialog = byTestId(page, 'reassign-dialog')
        await dialog.waitFor()
        assert.match(await dialog.textContent(), /批量转移 2 位客户/)
        await inputOf(page, 'reassign-owner').fill(target.username)
        await page.locator('[data-testid="reassign-owner-option"]:visible', { hasText: `(${target.username})` }).click()
        await inputOf(page, 'reassign-reason').fill(unique('e2e 批量转移 '))
        await byTestId(page, 'reassign-submit').click()
        await page.locator('.el-message', { hasText: '已转移 2 位客户' }).waitFor()

        for (const id of ids) {
          const { body } = await apiCall(page, 'GET', `/customers/${id}`)
          assert.equal(body.owner.username, target.username)
        }
        // The list shows the new owner (the moved customers are now the most recently updated).
        await page.waitForFunction(
          ([n, hrefs]) =>
            hrefs.every((h) =>
              [...document.querySelectorAll('[data-testid="customer-row"]')].some(
                (r) => r.querySelector(`a[href="${h}"]`) && r.querySelector('[data-testid="customer-owner"]')?.textContent?.trim() === n,
              ),
            ),
          [target.name, ids.map((id) => `/customers/${id}`)],
        )
      } finally {
        for (const c of originals) {
          const res = await apiCall(page, 'POST', `/customers/${c.id}/reassign`, {
            owner_id: c.owner.id,
            org_unit_code: c.org_unit.code,
            reason: 'e2e 还原',
          })
          assert.equal(res.status, 200)
        }
      }
    })
  })
})
