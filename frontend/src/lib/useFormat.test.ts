import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { qk } from '@/api/queries'
import type { PublicSettings } from '@/api/types'
import { FALLBACK_CURRENCY, FALLBACK_TIME_ZONE, useFormat } from './format'

/** What useFormat() shows for one instant and one amount, with the public settings the query cache holds. */
function shown(settings: PublicSettings | null) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  if (settings) queryClient.setQueryData(qk.settings, settings)
  let out = { dateTime: '', money: '', today: '', timeZone: '', currency: '' }
  const Probe = defineComponent({
    setup() {
      const f = useFormat()
      out = {
        dateTime: f.dateTime('2026-11-23T17:30:00Z'),
        money: f.money('1234.5'),
        today: f.today(),
        timeZone: f.timeZone.value,
        currency: f.currency.value,
      }
      return () => h('div')
    },
  })
  const i18n = createI18n({ legacy: false, locale: 'en', messages: { en: {} } })
  mount(Probe, { global: { plugins: [i18n, [VueQueryPlugin, { queryClient }]] } })
  return out
}

const company = (time_zone: string, currency: string): PublicSettings => ({
  company_name: 'C',
  time_zone,
  default_locale: 'en',
  currency,
})

describe('useFormat', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('shows instants in the time zone and amounts in the currency of GET /settings/public', () => {
    const ny = shown(company('America/New_York', 'USD'))
    expect(ny).toMatchObject({ timeZone: 'America/New_York', currency: 'USD', dateTime: '2026-11-23 12:30', money: '$1,234.50' })
    const sh = shown(company('Asia/Shanghai', 'CNY'))
    expect(sh).toMatchObject({ timeZone: 'Asia/Shanghai', currency: 'CNY', dateTime: '2026-11-24 01:30', money: 'CN¥1,234.50' })
  })

  it('falls back only while the settings have not answered', () => {
    // The settings request never answers.
    vi.stubGlobal('fetch', () => new Promise(() => {}))
    const loading = shown(null)
    expect(loading.timeZone).toBe(FALLBACK_TIME_ZONE)
    expect(loading.currency).toBe(FALLBACK_CURRENCY)
    expect(loading.money).toBe('1,234.50')
  })
})
