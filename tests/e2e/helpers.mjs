// Shared set-up for the browser tests: launch Chromium through playwright-core
// (resolved from frontend/node_modules), log in, screenshots on failure only.
import { createRequire } from 'node:module'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const frontendDir = fileURLToPath(new URL('../../frontend/', import.meta.url))
const require = createRequire(path.join(frontendDir, 'package.json'))
const { chromium } = require('playwright-core')

export const BASE_URL = (process.env.KEYHOLD_E2E_URL || 'http://127.0.0.1:8100').replace(/\/$/, '')
export const PASSWORD = 'keyhold-demo'
export const RESULTS_DIR = path.join(frontendDir, 'test-results')

export const LAUNCH_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
}

export async function launch() {
  return chromium.launch(LAUNCH_OPTIONS)
}

/** A fresh context (own cookies and localStorage) in zh-CN at 1280x800; `viewport` another size, `mobile` a touch phone. */
export async function newPage(browser, { locale = 'zh-CN', viewport = { width: 1280, height: 800 }, mobile = false } = {}) {
  const context = await browser.newContext({ viewport, locale, timezoneId: 'UTC', isMobile: mobile, hasTouch: mobile })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  return page
}

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`)

/** The text box behind a data-testid (Element Plus puts the attribute on the <input> itself). */
export const inputOf = (page, id) =>
  page.locator(`input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input`).first()

/** Log in through the form and wait for the customer list. */
export async function login(page, username, password = PASSWORD) {
  await page.goto(`${BASE_URL}/login`)
  await inputOf(page, 'login-username').fill(username)
  await inputOf(page, 'login-password').fill(password)
  await byTestId(page, 'login-submit').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  await byTestId(page, 'customer-row').first().waitFor()
}

/** Run `fn(page)`; on failure save a screenshot named after the test into frontend/test-results/. */
export async function withScreenshotOnFailure(t, page, fn) {
  try {
    await fn(page)
  } catch (err) {
    try {
      mkdirSync(RESULTS_DIR, { recursive: true })
      const name = t.name.replace(/[^\w.-]+/g, '_').slice(0, 100)
      await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`), fullPage: true })
    } catch {
      /* the page may be gone */
    }
    throw err
  }
}

/** A value no earlier run wrote (reruns against the same database stay meaningful). */
export function unique(prefix) {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`
}

/** Call the API with the page's session cookie (unsafe methods need X-Requested-With). */
export async function apiCall(page, method, path, data, headers = {}) {
  const res = await page.request.fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    data,
    headers: { 'X-Requested-With': 'keyhold', ...headers },
  })
  const body = res.status() === 204 ? null : await res.json()
  return { status: res.status(), body }
}

/** Open a page signed in as `username`, run the body (screenshot on failure), close the context. */
export async function asUser(browser, t, username, body) {
  const page = await newPage(browser)
  try {
    await withScreenshotOnFailure(t, page, async () => {
      await login(page, username)
      await body(page)
    })
  } finally {
    await page.context().close()
  }
}
