// Signing in, data scope, navigation by permission, and the language switch.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, byTestId, inputOf, launch, login, newPage, withScreenshotOnFailure } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

async function run(t, body) {
  const page = await newPage(browser)
  try {
    await withScreenshotOnFailure(t, page, () => body(page))
  } finally {
    await page.context().close()
  }
}

describe('sign-in and access', () => {
  test('a wrong password shows login-error, the right one signs in', async (t) => {
    await run(t, async (page) => {
      await page.goto(`${BASE_URL}/login`)
      await inputOf(page, 'login-username').fill('hq.lin')
      await inputOf(page, 'login-password').fill('not-the-password')
      await byTestId(page, 'login-submit').click()
      const error = byTestId(page, 'login-error')
      await error.waitFor()
      assert.match(await error.textContent(), /用户名或密码错误/)
      assert.match(new URL(page.url()).pathname, /^\/login/)

      await inputOf(page, 'login-password').fill('keyhold-demo')
      await byTestId(page, 'login-submit').click()
      await page.waitForURL(/\/customers$/)
      await byTestId(page, 'customer-row').first().waitFor()
      assert.equal((await byTestId(page, 'current-user').locator('strong').textContent()).trim(), '林海')
      // HQ key accounts do not administer users: no admin navigation.
      assert.equal(await byTestId(page, 'nav-users').count(), 0)
      assert.equal(await byTestId(page, 'nav-customers').count(), 1)
    })
  })

  test('a page opened without a session goes to login and back after signing in', async (t) => {
    await run(t, async (page) => {
      const res = await page.request.get(`${BASE_URL}/api/v1/customers?limit=1`)
      assert.equal(res.status(), 401)
      await page.goto(`${BASE_URL}/customers?from=e2e`)
      await page.waitForURL(/\/login\?redirect=/)
      assert.equal(new URL(page.url()).searchParams.get('redirect'), '/customers?from=e2e')
      await inputOf(page, 'login-username').fill('analyst.wu')
      await inputOf(page, 'login-password').fill('keyhold-demo')
      await byTestId(page, 'login-submit').click()
      await page.waitForURL(/\/customers\?from=e2e$/)
      await byTestId(page, 'customer-row').first().waitFor()
      // Analysts read only: no create, no reassignment.
      assert.equal(await byTestId(page, 'new-customer').count(), 0)
      assert.equal(await byTestId(page, 'bulk-reassign').count(), 0)
    })
  })

  test('an account manager (am.zhang) sees only own customers', async (t) => {
    await run(t, async (page) => {
      await login(page, 'am.zhang')
      for (let pageNo = 1; pageNo <= 2; pageNo++) {
        const owners = await byTestId(page, 'customer-owner').evaluateAll((els) => els.map((e) => e.dataset.username))
        assert.ok(owners.length > 0, `page ${pageNo} has rows`)
        assert.deepEqual([...new Set(owners)], ['am.zhang'], `page ${pageNo}: every row is am.zhang's`)
        const next = byTestId(page, 'next-page')
        if (await next.isDisabled()) break
        const first = (await byTestId(page, 'customer-link').first().textContent()).trim()
        await next.click()
        await page.waitForFunction(
          (f) => document.querySelector('[data-testid="customer-link"]')?.textContent?.trim() !== f,
          first,
        )
      }
      // No owner filter, no reassignment for an own-scope role.
      assert.equal(await byTestId(page, 'filter-owner').count(), 0)
      assert.equal(await byTestId(page, 'bulk-reassign').count(), 0)
      await byTestId(page, 'customer-link').first().click()
      await byTestId(page, 'card-basic').waitFor()
      assert.equal((await byTestId(page, 'basic-owner').textContent()).trim(), '张磊')
      assert.equal(await byTestId(page, 'reassign-button').count(), 0)
      assert.equal(await byTestId(page, 'edit-customer').count(), 1)
    })
  })

  test('switching to English changes the labels and is remembered', async (t) => {
    await run(t, async (page) => {
      await login(page, 'hq.lin')
      assert.equal((await byTestId(page, 'partition-tab-key').textContent()).trim(), '重点客户')
      await byTestId(page, 'locale-switch').selectOption('en')
      await page.waitForFunction(
        () => document.querySelector('[data-testid="partition-tab-key"]')?.textContent?.trim() === 'Key customers',
      )
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')
      await byTestId(page, 'customer-link').first().click()
      await byTestId(page, 'card-basic').waitFor()
      assert.match(await byTestId(page, 'card-basic').textContent(), /Basic information/)
      assert.match(await byTestId(page, 'card-basic').textContent(), /Address/)
      assert.equal((await byTestId(page, 'edit-customer').textContent()).trim(), 'Edit')
      assert.match(await byTestId(page, 'card-audit').textContent(), /Audit trail/)

      await page.reload()
      await byTestId(page, 'card-basic').waitFor()
      assert.match(await byTestId(page, 'card-basic').textContent(), /Basic information/)
      assert.equal(await page.evaluate(() => localStorage.getItem('keyhold.locale')), 'en')
    })
  })

  test('the administrator sees the users and org-unit pages', async (t) => {
    await run(t, async (page) => {
      await login(page, 'admin')
      await byTestId(page, 'nav-users').click()
      await page.waitForURL(/\/admin\/users$/)
      await byTestId(page, 'user-row').first().waitFor()
      const text = await byTestId(page, 'user-table').textContent()
      assert.match(text, /am\.zhang/)
      await byTestId(page, 'nav-org-units').click()
      await page.waitForURL(/\/admin\/org-units$/)
      await byTestId(page, 'org-unit-tree').getByText('大客户部').first().waitFor()
    })
  })
})
