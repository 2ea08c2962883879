import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import zhCN from '@/i18n/locales/zh-CN'
import en from '@/i18n/locales/en'
import { qk } from '@/api/queries'
import type { LoyaltyRun } from '@/api/types'
import LoyaltyRunCard from './LoyaltyRunCard.vue'

const run: LoyaltyRun = {
  id: 5,
  trigger: 'demo',
  triggered_by: null,
  as_of: '2026-12-08',
  started_at: '2026-12-08T01:00:00Z',
  finished_at: '2026-12-08T01:00:05Z',
  customers: 2000,
  fit: {
    bg_nbd: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259, log_likelihood: -9582.4 },
    gamma_gamma: { p: 6.2489, q: 3.7445, gamma: 15.4463 },
    customers: 1800,
    spenders: 1500,
    data_from: '2024-12-08',
    data_to: '2026-12-08',
    seconds: 1.2,
  },
  fit_error: null,
  settings_version: 1,
} as LoyaltyRun

async function render(locale: 'zh-CN' | 'en') {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } })
  queryClient.setQueryData(qk.settings, {
    company_name: 'C',
    time_zone: 'Asia/Shanghai',
    default_locale: 'zh-CN',
    currency: 'CNY',
  })
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en }, missingWarn: false, fallbackWarn: false })
  const w = mount(LoyaltyRunCard, {
    props: { run, canRecompute: false },
    global: { plugins: [i18n, [VueQueryPlugin, { queryClient }]] },
    attachTo: document.body,
  })
  await flushPromises()
  return w
}

describe('the lifetime-value model on the loyalty page', () => {
  it('keeps the BG/NBD and Gamma-Gamma parameters in a closed "about the model" fold, with what the model does', async () => {
    for (const [locale, title] of [
      ['zh-CN', '关于模型（供分析人员参考）'],
      ['en', 'About the model (for analysts)'],
    ] as const) {
      const w = await render(locale)
      const fold = w.get('[data-testid="loyalty-model-fold"]')
      expect(fold.text()).toContain(title)
      // Closed by default: business users see the run, not the parameters.
      expect(w.get('[data-testid="loyalty-fit-bgnbd"]').isVisible()).toBe(false)
      expect(w.get('[data-testid="loyalty-fit-gg"]').isVisible()).toBe(false)
      expect(w.get('[data-testid="loyalty-model-about"]').text().length).toBeGreaterThan(40)
      // An analyst opens it.
      await fold.get('.el-collapse-item__header').trigger('click')
      await flushPromises()
      expect(w.get('[data-testid="loyalty-fit-bgnbd"]').isVisible()).toBe(true)
      expect(w.get('[data-testid="loyalty-fit-bgnbd"]').text()).toContain('α = 4.414')
      w.unmount()
    }
  })
})
