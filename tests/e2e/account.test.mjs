// The signed-in person's own account: changing the password ends their other sessions.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { PASSWORD, byTestId, inputOf, launch, login, newPage, withScreenshotOnFailure } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

async function changePassword(page, current, next) {
  await byTestId(page, 'current-user').click()
  await byTestId(page, 'change-own-password').click()
  await inputOf(page, 'own-password-current').fill(current)
  await inputOf(page, 'own-password-new').fill(next)
  await byTestId(page, 'own-password-dialog-submit').click()
}

describe('own account', () => {
  test('a password change keeps this session, ends the others, and the new password signs in', async (t) => {
    const here = await newPage(browser)
    const elsewhere = await newPage(browser)
    const newPassword = 'keyhold-new-2026'
    try {
      await withScreenshotOnFailure(t, here, async () => {
        await login(here, 'analyst.wu')
        await login(elsewhere, 'analyst.wu')

        await changePassword(here, 'wrong-password', newPassword)
        // A wrong current password is shown at its field, in the page's language.
        await here.locator('[data-testid="own-password-dialog"] .el-form-item__error').first().waitFor()
        await inputOf(here, 'own-password-current').fill(PASSWORD)
        await byTestId(here, 'own-password-dialog-submit').click()
        await here.getByText('密码已修改').waitFor()

        // This session goes on; the other device's session is over.
        assert.equal((await here.request.get(`${new URL(here.url()).origin}/api/v1/me`)).status(), 200)
        assert.equal((await elsewhere.request.get(`${new URL(elsewhere.url()).origin}/api/v1/me`)).status(), 401)

        await byTestId(here, 'logout').click()
        await here.waitForURL(/\/login/)
        await login(here, 'analyst.wu', newPassword)
        // Back to the demo password, so that reruns and other tests sign in as before.
        await changePassword(here, newPassword, PASSWORD)
        await here.getByText('密码已修改').waitFor()
      })
    } finally {
      await here.context().close()
      await elsewhere.context().close()
    }
  })
})
