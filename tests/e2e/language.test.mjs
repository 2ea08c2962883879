// The server answers in the UI's language: the SPA sends Accept-Language with its locale, and a field error
// only the server can find (the phone number's format) shows on its field in Chinese in the zh-CN UI and in
// English in the en UI.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { byTestId, inputOf, launch, login, newPage, withScreenshotOnFailure } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

/** Signed in as hq.lin with the UI in `locale`: edit the first customer's phone to something invalid. */
async function phoneErrorIn(t, locale) {
  const page = await newPage(browser)
  await page.addInitScript((l) => localStorage.setItem('keyhold.locale', l), locale)
  const languages = []
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/customers/')) languages.push(r.headers()['accept-language'])
  })
  try {
    let message
    await withScreenshotOnFailure(t, page, async () => {
      await login(page, 'hq.lin')
      await byTestId(page, 'customer-link').first().click()
      await byTestId(page, 'card-basic').waitFor()
      await byTestId(page, 'edit-customer').click()
      await inputOf(page, 'customer-form-phone').fill('12ab')
      await byTestId(page, 'customer-form-submit').click()
      const error = byTestId(page, 'field-error-phone')
      await error.waitFor()
      message = (await error.textContent()).trim()
      assert.ok(await byTestId(page, 'customer-form-submit').isVisible(), 'the dialog stays open')
    })
    assert.ok(languages.length > 0)
    assert.deepEqual([...new Set(languages)], [locale])
    return message
  } finally {
    await page.context().close()
  }
}

describe('the server speaks the UI language', () => {
  test('a server-only field error is Chinese in the zh-CN UI', async (t) => {
    const message = await phoneErrorIn(t, 'zh-CN')
    assert.match(message, /电话号码格式不正确/)
    assert.doesNotMatch(message, /[A-Za-z]{3,}/)
  })

  test('and English in the en UI', async (t) => {
    assert.match(await phoneErrorIn(t, 'en'), /not a valid phone number/)
  })
})
