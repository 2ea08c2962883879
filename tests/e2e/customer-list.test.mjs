// The customer list as HQ key accounts (hq.lin) uses it: search and filters kept in the URL (Back and reload
// show the same list), the search finds a customer by a contact's name, the chosen columns survive a reload,
// the total is shown.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiCall, asUser, byTestId, inputOf, launch } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const asHq = (t, body) => asUser(browser, t, 'hq.lin', body)

const names = async (page) => (await byTestId(page, 'customer-link').allTextContents()).map((n) => n.trim())

/** Waits until the list shows the answer to `query` (URL parameters, checked against the API's own answer). */
async function listShows(page, query) {
  const { status, body } = await apiCall(page, 'GET', `/customers?${new URLSearchParams({ limit: '20', ...query })}`)
  assert.equal(status, 200)
  const expected = body.items.map((c) => c.name)
  await page.waitForFunction(
    (want) => {
      const got = [...document.querySelectorAll('[data-testid="customer-link"]')].map((a) => a.textContent.trim())
      return got.length === want.length && got.every((n, i) => n === want[i])
    },
    expected,
  )
  return expected
}

describe('customer list (hq.lin)', () => {
  test('search, filter and page survive opening a customer and going Back, and a reload', async (t) => {
    await asHq(t, async (page) => {
      await inputOf(page, 'customer-search').fill('酒店')
      await page.waitForURL((url) => url.searchParams.get('q') === '酒店')
      await byTestId(page, 'filter-type').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '酒店' }).first().click()
      await page.waitForURL((url) => url.searchParams.get('customer_type') === 'hotel')
      const firstPage = await listShows(page, { q: '酒店', customer_type: 'hotel' })
      assert.equal(firstPage.length, 20, 'the demo company has more than 20 hotels named 酒店')

      await byTestId(page, 'next-page').click()
      await page.waitForURL((url) => url.searchParams.getAll('cursor').length === 1)
      await page.waitForFunction(() => document.querySelector('[data-testid="page-number"]')?.textContent?.includes('2'))
      await page.waitForFunction((f) => document.querySelector('[data-testid="customer-link"]')?.textContent?.trim() !== f, firstPage[0])
      const secondPage = await names(page)
      const listUrl = page.url()

      await byTestId(page, 'customer-link').first().click()
      await page.waitForURL(/\/customers\/\d+$/)
      await byTestId(page, 'card-basic').waitFor()
      await page.goBack()

      await page.waitForURL(listUrl)
      assert.equal(page.url(), listUrl)
      assert.equal(await inputOf(page, 'customer-search').inputValue(), '酒店')
      assert.match(await byTestId(page, 'filter-type').textContent(), /酒店/)
      assert.match(await byTestId(page, 'page-number').textContent(), /2/)
      await page.waitForFunction(
        (want) => [...document.querySelectorAll('[data-testid="customer-link"]')].map((a) => a.textContent.trim()).join('|') === want,
        secondPage.join('|'),
      )

      await page.reload()
      await byTestId(page, 'customer-row').first().waitFor()
      assert.equal(await inputOf(page, 'customer-search').inputValue(), '酒店')
      await page.waitForFunction(
        (want) => [...document.querySelectorAll('[data-testid="customer-link"]')].map((a) => a.textContent.trim()).join('|') === want,
        secondPage.join('|'),
      )

      // A new search starts again from page 1.
      await inputOf(page, 'customer-search').fill('酒店 大')
      await page.waitForURL((url) => url.searchParams.get('q') === '酒店 大' && !url.searchParams.has('cursor'))
      assert.match(await byTestId(page, 'page-number').textContent(), /1/)
    })
  })

  test('the search finds a customer by a contact name, and the total counts what the list shows', async (t) => {
    await asHq(t, async (page) => {
      const total = await byTestId(page, 'customer-total')
      await page.waitForFunction(() => /共 [\d,]+ 位客户|超过 [\d,]+ 位客户/.test(document.querySelector('[data-testid="customer-total"]')?.textContent ?? ''))
      const { body: all } = await apiCall(page, 'GET', '/customers/count')
      const shown = all.more ? `超过 ${all.count.toLocaleString('en')} 位客户` : `共 ${all.count.toLocaleString('en')} 位客户`
      assert.equal((await total.textContent()).trim(), shown)

      // A current contact of a customer further down the list.
      const { body: list } = await apiCall(page, 'GET', '/customers?limit=60&sort=name')
      let target
      let contact
      for (const c of list.items.slice(30)) {
        const { body: contacts } = await apiCall(page, 'GET', `/customers/${c.id}/contacts`)
        contact = contacts.items.find((x) => !x.ended_on && x.name.length >= 2)
        if (contact) {
          target = c
          break
        }
      }
      assert.ok(target, 'a demo customer with a current contact')
      await inputOf(page, 'customer-search').fill(contact.name)
      await page.waitForURL((url) => url.searchParams.get('q') === contact.name)
      const found = await listShows(page, { q: contact.name })
      assert.ok(found.includes(target.name), `${target.name} found by its contact ${contact.name}`)
      const { body: counted } = await apiCall(page, 'GET', `/customers/count?${new URLSearchParams({ q: contact.name })}`)
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="customer-total"]')?.textContent?.trim() === `共 ${n} 位客户`,
        counted.count,
      )
      assert.ok(counted.count >= 1)
    })
  })

  test('the chosen columns survive a reload; 12-month revenue and level are shown by default', async (t) => {
    await asHq(t, async (page) => {
      const header = () => page.locator('[data-testid="customer-table"] thead').textContent()
      assert.match(await header(), /近 12 个月净收入/)
      assert.match(await header(), /大客户等级/)
      assert.match(await header(), /健康度/)
      // The revenue shown is the API's figure (the one the tiers page shows).
      const { body } = await apiCall(page, 'GET', '/customers?limit=20')
      const withRevenue = body.items.find((c) => c.revenue_12m !== null)
      if (withRevenue) {
        const cell = page.locator(`[data-testid="customer-row"]:has(a[href="/customers/${withRevenue.id}"]) [data-testid="customer-revenue"]`)
        assert.equal(await cell.getAttribute('data-value'), withRevenue.revenue_12m)
      }

      await byTestId(page, 'column-chooser').click()
      await byTestId(page, 'column-option-code').click()
      await byTestId(page, 'column-option-health_score').click()
      await page.waitForFunction(() => /客户编码/.test(document.querySelector('[data-testid="customer-table"] thead')?.textContent ?? ''))
      assert.doesNotMatch(await header(), /健康度/)

      await page.reload()
      await byTestId(page, 'customer-row').first().waitFor()
      assert.match(await header(), /客户编码/)
      assert.doesNotMatch(await header(), /健康度/)

      await byTestId(page, 'column-chooser').click()
      await byTestId(page, 'column-defaults').click()
      await page.waitForFunction(() => /健康度/.test(document.querySelector('[data-testid="customer-table"] thead')?.textContent ?? ''))
      assert.doesNotMatch(await header(), /客户编码/)
    })
  })
})
