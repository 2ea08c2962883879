/**
 * The browser tab's title names the page and, on a detail page, the record: "客户 · 上海锦江饭店 — Keyhold",
 * in the user's language (it follows a locale switch). The router sets the page from the route's `meta.title`
 * (a message key); a detail view names its record with `useRecordTitle`.
 */
import { getCurrentScope, onScopeDispose, ref, toValue, watch, watchEffect, type MaybeRefOrGetter } from 'vue'
import { i18n } from '@/i18n'

export const APP_TITLE = 'Keyhold'

/** "page · record — Keyhold"; either part may be missing. */
export function composeTitle(page: string | null | undefined, record: string | null | undefined): string {
  const words = [page, record].filter((w): w is string => !!w && w.trim() !== '').join(' · ')
  return words ? `${words} — ${APP_TITLE}` : APP_TITLE
}

const pageKey = ref<string | undefined>()
// The record named by the detail view now on screen, with the view's token so an unmounting view clears only its own.
const record = ref<{ owner: symbol; name: string | null } | null>(null)
let started = false

function start(): void {
  if (started || typeof document === 'undefined') return
  started = true
  watchEffect(() => {
    const t = i18n.global.t
    void i18n.global.locale.value
    const page = pageKey.value ? t(pageKey.value) : null
    document.title = composeTitle(page, record.value?.name)
  })
}

/** The page part, from the route's `meta.title` (router afterEach). */
export function setPageTitle(key: string | undefined): void {
  pageKey.value = key
  start()
}

/** Names the record in the tab title while the calling view is mounted (null until it has loaded). */
export function useRecordTitle(name: MaybeRefOrGetter<string | null | undefined>): void {
  const owner = Symbol('record-title')
  watch(
    () => toValue(name) ?? null,
    (value) => {
      record.value = { owner, name: value }
      start()
    },
    { immediate: true },
  )
  if (getCurrentScope()) {
    onScopeDispose(() => {
      if (record.value?.owner === owner) record.value = null
    })
  }
}
