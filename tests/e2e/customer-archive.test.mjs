// The customer archive as HQ key accounts (hq.lin) uses it: search, 360 page,
// edit with audit trail, server field errors, paging, partitions, reassignment.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, asUser, byTestId, inputOf, launch, unique } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const asHq = (t, body) => asUser(browser, t, 'hq.lin', body)

/** Open the 360 page of the first customer in the list; returns its name. */
async function openFirstCustomer(page) {
  const link = byTestId(page, 'customer-link').first()
  const name = (await link.textContent()).trim()
  await link.click()
  await page.waitForURL(/\/customers\/\d+$/)
  await byTestId(page, 'card-basic').waitFor()
  assert.equal((await byTestId(page, 'customer-name').textContent()).trim(), name)
  return name
}

describe('customer archive (hq.lin)', () => {
  test('search by part of the Chinese name finds the customer and opens its 360 page', async (t) => {
    await asHq(t, async (page) => {
      // A demo customer from the list: its name is Chinese only (test runs add names with a suffix).
      let name
      for (let pageNo = 1; pageNo <= 5 && !name; pageNo++) {
        const names = (await byTestId(page, 'customer-link').allTextContents()).map((n) => n.trim())
        name = names.find((n) => /^[\u4e00-\u9fff]{4,}$/.test(n))
        if (!name) {
          await byTestId(page, 'next-page').click()
          await page.waitForFunction(
            (f) => document.querySelector('[data-testid="customer-link"]')?.textContent?.trim() !== f,
            names[0],
          )
        }
      }
      assert.ok(name, 'a customer with a Chinese-only name in the first five pages')
      const start = Math.floor((name.length - 2) / 2)
      const part = name.slice(start, start + (name.length >= 6 ? 3 : 2))
      assert.ok(/[\u4e00-\u9fff]/.test(part), `search term has Chinese characters: ${part}`)

      // Rows may match by address or a contact too: wait for the search's own answer to be on screen.
      const answer = page.waitForResponse(
        (r) => r.url().includes('/api/v1/customers?') && new URL(r.url()).searchParams.get('q') === part,
      )
      await inputOf(page, 'customer-search').fill(part)
      const items = (await (await answer).json()).items
      assert.ok(items.length > 0)
      await page.waitForFunction(
        (first) => {
          const rows = [...document.querySelectorAll('[data-testid="customer-link"]')]
          return rows.length > 0 && rows[0].textContent.trim() === first
        },
        items[0].name,
        { timeout: 15_000 },
      )
      assert.match(page.url(), new RegExp(`[?&]q=${encodeURIComponent(part)}`))
      const names = await byTestId(page, 'customer-link').allTextContents()
      assert.ok(names.map((n) => n.trim()).includes(name), `"${name}" among results for "${part}": ${names.join(', ')}`)
      assert.match(page.url(), /\/customers/)

      await byTestId(page, 'customer-link').filter({ hasText: name }).first().click()
      await page.waitForURL(/\/customers\/\d+$/)
      await byTestId(page, 'card-basic').waitFor()
      assert.equal((await byTestId(page, 'customer-name').textContent()).trim(), name)
      assert.equal((await byTestId(page, 'basic-name').textContent()).trim(), name)
      await byTestId(page, 'ownership-history').locator('[data-testid="ownership-period"]').first().waitFor()
      await byTestId(page, 'audit-trail').locator('[data-testid="audit-entry"]').first().waitFor()
      await byTestId(page, 'card-contacts').waitFor()
    })
  })

  test('editing the address saves it and the audit trail shows the change', async (t) => {
    await asHq(t, async (page) => {
      await openFirstCustomer(page)
      const before = (await byTestId(page, 'basic-address').textContent()).trim()
      const address = unique('上海市静安区测试路') + '号'

      await byTestId(page, 'edit-customer').click()
      await inputOf(page, 'customer-form-address').fill(address)
      await byTestId(page, 'customer-form-submit').click()

      await page.waitForFunction(
        (a) => document.querySelector('[data-testid="basic-address"]')?.textContent?.trim() === a,
        address,
      )
      // The newest audit entry is this edit (earlier runs may have changed the address too).
      await page.waitForFunction(
        (a) =>
          document
            .querySelector('[data-testid="audit-entry"] [data-testid="audit-change"][data-field="address"] [data-testid="audit-after"]')
            ?.textContent?.trim() === a,
        address,
      )
      const entry = byTestId(page, 'audit-entry').first()
      assert.equal(await entry.getAttribute('data-action'), 'update')
      const change = entry.locator('[data-testid="audit-change"][data-field="address"]')
      assert.equal((await change.locator('[data-testid="audit-after"]').textContent()).trim(), address)
      assert.equal((await change.locator('[data-testid="audit-before"]').textContent()).trim(), before)
      assert.equal((await entry.locator('[data-testid="audit-who"]').textContent()).trim(), '林海')
      assert.match((await entry.locator('[data-testid="audit-when"]').textContent()).trim(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)

      // Saved on the server, not only on screen.
      await page.reload()
      await byTestId(page, 'card-basic').waitFor()
      assert.equal((await byTestId(page, 'basic-address').textContent()).trim(), address)
    })
  })

  test('an invalid phone shows the server message on the phone field', async (t) => {
    await asHq(t, async (page) => {
      await openFirstCustomer(page)
      const phoneBefore = (await byTestId(page, 'basic-phone').textContent()).trim()
      await byTestId(page, 'edit-customer').click()
      await inputOf(page, 'customer-form-phone').fill('12ab')
      await byTestId(page, 'customer-form-submit').click()

      const error = byTestId(page, 'field-error-phone')
      await error.waitFor()
      assert.match(await error.textContent(), /电话号码格式不正确/) // the server answers in the UI's language
      // The dialog stays open and nothing was saved.
      assert.ok(await byTestId(page, 'customer-form-submit').isVisible())
      await page.keyboard.press('Escape')
      await page.reload()
      await byTestId(page, 'card-basic').waitFor()
      assert.equal((await byTestId(page, 'basic-phone').textContent()).trim(), phoneBefore)
    })
  })

  test('next page and the key-customer tab', async (t) => {
    await asHq(t, async (page) => {
      const firstPage = await byTestId(page, 'customer-link').allTextContents()
      assert.equal(firstPage.length, 20)
      await byTestId(page, 'next-page').click()
      await page.waitForFunction(() => document.querySelector('[data-testid="page-number"]')?.textContent?.includes('2'))
      await page.waitForFunction(
        (first) => document.querySelector('[data-testid="customer-link"]')?.textContent?.trim() !== first,
        firstPage[0].trim(),
      )
      const secondPage = await byTestId(page, 'customer-link').allTextContents()
      assert.ok(secondPage.length > 0)
      assert.ok(!secondPage.some((n) => firstPage.includes(n)), 'page 2 repeats no customer of page 1')

      await byTestId(page, 'partition-tab-key').click()
      await page.waitForFunction(() => {
        const tags = [...document.querySelectorAll('[data-testid="customer-row"] [data-testid="partition-tag"]')]
        return tags.length > 0 && tags.every((t) => t.textContent.trim() === '重点客户')
      })
      assert.match(await byTestId(page, 'page-number').textContent(), /1/)
    })
  })

  test('reassigning a customer shows the new owner in the ownership history', async (t) => {
    await asHq(t, async (page) => {
      await openFirstCustomer(page)
      const owner = (await byTestId(page, 'basic-owner').textContent()).trim()
      // Move the customer to another account manager, then back: reruns start from the same owner.
      const target = owner === '张磊' ? { username: 'am.liu', name: '刘洋' } : { username: 'am.zhang', name: '张磊' }
      const originalUsername = await usernameOf(page, owner)

      await reassign(page, target.username, unique('e2e 转移 '))
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="basic-owner"]')?.textContent?.trim() === n,
        target.name,
      )
      const newest = byTestId(page, 'ownership-history').locator('[data-testid="ownership-owner"]').first()
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="ownership-history"] [data-testid="ownership-owner"]')?.textContent?.trim() === n,
        target.name,
      )
      assert.equal((await newest.textContent()).trim(), target.name)
      const owners = await byTestId(page, 'ownership-history').locator('[data-testid="ownership-owner"]').allTextContents()
      assert.ok(owners.map((o) => o.trim()).includes(owner), 'the previous owner stays in the history')

      await reassign(page, originalUsername, 'e2e 还原')
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="basic-owner"]')?.textContent?.trim() === n,
        owner,
      )
    })
  })
})

/** The username of an owner shown on the card, from the API the page uses. */
async function usernameOf(page, displayName) {
  const id = page.url().match(/\/customers\/(\d+)/)[1]
  const res = await page.request.get(`${BASE_URL}/api/v1/customers/${id}`)
  assert.equal(res.status(), 200)
  const body = await res.json()
  assert.equal(body.owner.display_name, displayName)
  return body.owner.username
}

async function reassign(page, username, reason) {
  await byTestId(page, 'reassign-button').click()
  const dialog = byTestId(page, 'reassign-dialog')
  await dialog.waitFor()
  await inputOf(page, 'reassign-owner').fill(username)
  const option = page.locator('[data-testid="reassign-owner-option"]:visible', { hasText: `(${username})` }).first()
  await option.click()
  await inputOf(page, 'reassign-reason').fill(reason)
  await byTestId(page, 'reassign-submit').click()
  await dialog.waitFor({ state: 'hidden' })
}
