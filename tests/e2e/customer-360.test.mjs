// The customer 360 page arrives in few requests: one overview request primes every card, so a cold load
// (a reload: empty query cache) asks the API fewer than 10 times.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, asUser, byTestId, launch } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

describe('customer 360 page', () => {
  test('a cold load of the 360 page makes fewer than 10 API requests and shows every card', async (t) => {
    await asUser(browser, t, 'hq.lin', async (page) => {
      const href = await byTestId(page, 'customer-link').first().getAttribute('href')
      const calls = []
      page.on('request', (r) => {
        if (new URL(r.url()).pathname.startsWith('/api/')) calls.push(`${r.method()} ${new URL(r.url()).pathname}`)
      })
      await page.goto(`${BASE_URL}${href}`)
      for (const card of ['card-basic', 'scoring-card', 'loyalty-card', 'customer-complaints-card',
        'card-transactions', 'card-contacts', 'card-ownership', 'card-audit', 'customer-visits-card']) {
        await byTestId(page, card).waitFor()
      }
      await page.waitForLoadState('networkidle')
      assert.ok(calls.length < 10, `${calls.length} API requests: ${calls.join(', ')}`)
      assert.ok(calls.some((c) => /\/customers\/\d+\/overview$/.test(c)), calls.join(', '))
      // The cards were primed by the overview: none of them asked on its own.
      for (const single of ['/contacts', '/ownership', '/audit', '/facts', '/orders', '/tier-history', '/tiers', '/score-sheets', '/loyalty', '/visit-plan', '/visits']) {
        assert.ok(!calls.some((c) => /\/customers\/\d+/.test(c) && c.endsWith(single)), `${single} fetched again: ${calls}`)
      }
    })
  })
})
