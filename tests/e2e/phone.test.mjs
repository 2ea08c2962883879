// The office on a 390x844 phone: no screen scrolls sideways, the navigation sits in a drawer behind the menu
// button, the busiest lists are cards, dialogs fill the screen with their submit button in sight, and the header
// (bell, language, user, logout) stays reachable. Also: at 1366x768 the list tables show all their columns or
// a visible scroll bar of their own.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, apiCall, byTestId, inputOf, launch, login, newPage, withScreenshotOnFailure } from './helpers.mjs'

const PHONE = { width: 390, height: 844 }
const LAPTOP = { width: 1366, height: 768 }

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

async function run(t, options, body) {
  const page = await newPage(browser, options)
  try {
    await withScreenshotOnFailure(t, page, () => body(page))
  } finally {
    await page.context().close()
  }
}
const onPhone = (t, body) => run(t, { viewport: PHONE, mobile: true }, body)

/**
 * Neither the page nor the app's main area is wider than the window (nothing to scroll sideways). Compared with
 * the configured width too: a mobile browser widens its layout viewport (innerWidth) to fit content too wide.
 */
async function assertNoSidewaysScroll(page, screen) {
  const m = await page.evaluate(() => {
    const main = document.querySelector('[data-testid="app-main"]')
    return {
      page: document.scrollingElement.scrollWidth,
      window: window.innerWidth,
      main: main ? main.scrollWidth - main.clientWidth : 0,
    }
  })
  const width = Math.min(m.window, page.viewportSize().width)
  assert.ok(m.page <= width, `${screen}: the page is ${m.page}px wide in a ${width}px window`)
  assert.ok(m.main <= 0, `${screen}: the main area scrolls ${m.main}px sideways`)
}

/** The element's box lies inside the window. */
async function assertInWindow(page, locator, what) {
  // A menu or dialog may still be opening: wait until it is shown, then measure.
  await locator.waitFor({ state: 'visible' })
  const box = await locator.boundingBox()
  assert.ok(box, `${what} is not displayed`)
  const size = page.viewportSize()
  assert.ok(
    box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width + 0.5 && box.y + box.height <= size.height + 0.5,
    `${what} at ${JSON.stringify(box)} is outside the ${size.width}x${size.height} window`,
  )
}

async function settle(page, testid) {
  await byTestId(page, testid).first().waitFor()
  await page.waitForLoadState('networkidle')
}

async function setLanguage(page, locale) {
  await byTestId(page, 'locale-switch').selectOption(locale)
  await page.waitForFunction((l) => document.documentElement.lang === l, locale)
}

describe('on a phone', () => {
  test('the login page fits and signs in', async (t) => {
    await onPhone(t, async (page) => {
      await page.goto(`${BASE_URL}/login`)
      await byTestId(page, 'login-submit').waitFor()
      await assertNoSidewaysScroll(page, 'login')
      await assertInWindow(page, byTestId(page, 'login-submit'), 'the sign-in button')
      await login(page, 'hq.lin')
      await assertNoSidewaysScroll(page, 'customer list')
    })
  })

  for (const locale of ['zh-CN', 'en']) {
    test(`the main screens fit the width (${locale})`, async (t) => {
      await onPhone(t, async (page) => {
        await login(page, 'hq.lin')
        await setLanguage(page, locale)

        // The customer list is cards with the name, partition and owner; tapping a card opens the customer.
        const card = byTestId(page, 'customer-row').first()
        await assertNoSidewaysScroll(page, 'customer list')
        assert.ok((await card.locator('[data-testid="customer-link"]').textContent()).trim())
        await card.locator('[data-testid="partition-tag"]').waitFor()
        await card.locator('[data-testid="customer-owner"]').waitFor()
        await assertInWindow(page, card, 'a customer card')
        await card.click({ position: { x: 8, y: 8 } })
        await page.waitForURL(/\/customers\/\d+$/)
        await settle(page, 'customer-360')
        await assertNoSidewaysScroll(page, 'customer 360')

        // The complaint queue likewise; tapping a card opens the complaint.
        await page.goto(`${BASE_URL}/complaints`)
        const complaint = byTestId(page, 'complaint-row').first()
        await complaint.waitFor()
        await assertNoSidewaysScroll(page, 'complaint queue')
        await complaint.locator('[data-testid="complaint-severity"]').waitFor()
        await complaint.locator('[data-testid="complaint-row-status"]').waitFor()
        await complaint.click({ position: { x: 8, y: 8 } })
        await page.waitForURL(/\/complaints\/\d+$/)
        await settle(page, 'complaint-detail')
        await assertNoSidewaysScroll(page, 'complaint detail')

        await page.goto(`${BASE_URL}/score-sheets`)
        await settle(page, 'score-sheets-page')
        await assertNoSidewaysScroll(page, 'score-sheet list')

        const { status, body } = await apiCall(page, 'GET', '/score-sheets?limit=1')
        assert.equal(status, 200)
        assert.ok(body.items.length > 0, 'the demo company has score sheets')
        await page.goto(`${BASE_URL}/score-sheets/${body.items[0].id}`)
        await settle(page, 'score-sheet-page')
        await assertNoSidewaysScroll(page, 'score sheet')

        await page.goto(`${BASE_URL}/tiers`)
        await settle(page, 'tiers-page')
        await assertNoSidewaysScroll(page, 'tiers')

        await page.goto(`${BASE_URL}/loyalty`)
        await settle(page, 'loyalty-page')
        await assertNoSidewaysScroll(page, 'loyalty')
      })
    })
  }

  test('the menu button opens the navigation drawer and navigating closes it', async (t) => {
    await onPhone(t, async (page) => {
      await login(page, 'hq.lin')
      // No sidebar taking the width: the navigation is hidden until the menu button is pressed.
      assert.equal(await byTestId(page, 'nav-complaints').isVisible(), false)
      const menu = byTestId(page, 'menu-button')
      await assertInWindow(page, menu, 'the menu button')
      await menu.click()
      const complaints = byTestId(page, 'nav-complaints')
      await complaints.waitFor({ state: 'visible' })
      // The drawer slides in from the left: wait until it is all in.
      await page.waitForFunction(() => document.querySelector('[data-testid="nav-complaints"]').getBoundingClientRect().x >= 0)
      await assertInWindow(page, complaints, 'the complaints menu item')
      await complaints.click()
      await page.waitForURL(/\/complaints$/)
      await byTestId(page, 'complaint-row').first().waitFor()
      await complaints.waitFor({ state: 'hidden' })

      await menu.click()
      await byTestId(page, 'nav-customers').click()
      await page.waitForURL(/\/customers$/)
      await byTestId(page, 'nav-customers').waitFor({ state: 'hidden' })
      await byTestId(page, 'customer-row').first().waitFor()
    })
  })

  test('a dialog fills the screen, labels above fields, its submit button in sight', async (t) => {
    await onPhone(t, async (page) => {
      await login(page, 'hq.lin')
      await byTestId(page, 'new-customer').click()
      const submit = byTestId(page, 'customer-form-submit')
      await submit.waitFor()
      // The form is longer than the screen: the footer stays at the bottom, the fields scroll above it.
      await assertInWindow(page, submit, 'the save button')
      const dialog = page.locator('.el-dialog').filter({ has: submit })
      const box = await dialog.boundingBox()
      assert.equal(Math.round(box.width), PHONE.width)
      const name = inputOf(page, 'customer-form-name')
      const label = byTestId(page, 'form-item-name').locator('.el-form-item__label')
      const [labelBox, nameBox] = [await label.boundingBox(), await name.boundingBox()]
      assert.ok(labelBox.y + labelBox.height <= nameBox.y, 'the label sits above its field')
      assert.ok(nameBox.width > PHONE.width / 2, `the name field is ${nameBox.width}px wide`)

      // Saving with the required fields empty shows the error on the field, the button still in sight.
      await submit.click()
      await byTestId(page, 'form-item-name').locator('.el-form-item__error').waitFor()
      await assertInWindow(page, submit, 'the save button after a failed save')
      await assertNoSidewaysScroll(page, 'new customer dialog')
    })
  })

  test('the header keeps the bell, the language, the user menu and logout in reach', async (t) => {
    await onPhone(t, async (page) => {
      await login(page, 'hq.lin')
      for (const id of ['notification-bell', 'locale-switch', 'current-user', 'logout']) {
        await assertInWindow(page, byTestId(page, id), id)
      }
      await byTestId(page, 'current-user').click()
      await assertInWindow(page, byTestId(page, 'change-own-password'), 'change password')
      await page.keyboard.press('Escape')

      await setLanguage(page, 'en')
      await byTestId(page, 'menu-button').click()
      assert.equal((await byTestId(page, 'nav-complaints').textContent()).trim(), 'Complaints')
      await page.keyboard.press('Escape')
      await byTestId(page, 'nav-complaints').waitFor({ state: 'hidden' })
      await assertNoSidewaysScroll(page, 'customer list in English')

      await byTestId(page, 'logout').click()
      await page.waitForURL(/\/login/)
    })
  })
})

describe('on a 1366x768 laptop', () => {
  /** Every column is in sight, or the table shows its own horizontal scroll bar. */
  async function assertTableNotCutOff(page, testid) {
    const table = byTestId(page, testid)
    await table.locator('tbody tr').first().waitFor()
    const m = await table.evaluate((el) => {
      const wrap = el.querySelector('.el-table__body-wrapper .el-scrollbar__wrap')
      const bar = el.querySelector('.el-table__body-wrapper .el-scrollbar__bar.is-horizontal')
      const thumb = bar?.querySelector('.el-scrollbar__thumb')
      return {
        right: el.getBoundingClientRect().right,
        window: window.innerWidth,
        overflow: wrap.scrollWidth - wrap.clientWidth,
        barShown: !!bar && getComputedStyle(bar).display !== 'none' && (thumb?.getBoundingClientRect().width ?? 0) > 0,
      }
    })
    assert.ok(m.right <= m.window, `${testid} ends at ${m.right}px in a ${m.window}px window`)
    assert.ok(m.overflow <= 0 || m.barShown, `${testid}: ${m.overflow}px of columns are hidden with no scroll bar in sight`)
  }

  test('the customer list and the complaint queue are not cut off', async (t) => {
    await run(t, { viewport: LAPTOP }, async (page) => {
      await login(page, 'hq.lin')
      await assertNoSidewaysScroll(page, 'customer list')
      await assertTableNotCutOff(page, 'customer-table')
      await page.goto(`${BASE_URL}/complaints`)
      await assertNoSidewaysScroll(page, 'complaint queue')
      await assertTableNotCutOff(page, 'complaint-table')
    })
  })
})
