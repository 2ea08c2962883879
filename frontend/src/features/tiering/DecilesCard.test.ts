import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import zhCN from '@/i18n/locales/zh-CN'
import en from '@/i18n/locales/en'
import { qk } from '@/api/queries'
import type { Deciles } from '@/api/types'
import DecilesCard from './DecilesCard.vue'

type Row = Deciles['rows'][number]

// Two groups of the demo company's revenue deciles: the cumulative share and the share of the largest
// cumulative total are the same figures whenever no group's total is negative.
const row = (decile: number, total: string, cumulative: string, percent: string, ofMaximum = percent): Row => ({
  decile,
  customers: 200,
  cumulative_customers: 200 * decile,
  total,
  cumulative_total: cumulative,
  cumulative_percent: percent,
  percent_of_maximum: ofMaximum,
  minimum: '0.00',
  average: '1.00',
})

async function render(rows: Row[], locale: 'zh-CN' | 'en' = 'zh-CN') {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } })
  queryClient.setQueryData(qk.tierDeciles('revenue'), { basis: 'revenue', rows } as unknown as Deciles)
  queryClient.setQueryData(qk.settings, {
    company_name: 'C',
    time_zone: 'Asia/Shanghai',
    default_locale: 'zh-CN',
    currency: 'CNY',
  })
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en }, missingWarn: false, fallbackWarn: false })
  const w = mount(DecilesCard, { global: { plugins: [i18n, [VueQueryPlugin, { queryClient }]] }, attachTo: document.body })
  await flushPromises()
  return w
}

const headers = (w: Awaited<ReturnType<typeof render>>) => w.findAll('.el-table__header th .cell').map((c) => c.text().trim())

/** Every column's cells, top to bottom, by header. */
function columns(w: Awaited<ReturnType<typeof render>>): string[][] {
  const body = w.findAll('.el-table__body tr').map((tr) => tr.findAll('td').map((td) => td.text().trim()))
  return headers(w).map((_, i) => body.map((cells) => cells[i] ?? ''))
}

describe('the decile table', () => {
  const rows = [row(1, '286987117.24', '286987117.24', '58.8'), row(2, '83720944.55', '370708061.79', '75.9')]

  it('has unique column headers and no two columns showing the same figures', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const w = await render(rows, locale)
      const names = headers(w)
      expect(names.length).toBeGreaterThan(5)
      expect(new Set(names).size).toBe(names.length)
      const shown = columns(w).map((c) => c.join('|'))
      expect(new Set(shown).size).toBe(shown.length)
      w.unmount()
    }
  })

  it('shows the share of the largest cumulative total only when it differs (a negative group total)', async () => {
    const w = await render([row(1, '100.00', '100.00', '125.0', '100.0'), row(2, '-20.00', '80.00', '100.0', '80.0')])
    expect(headers(w)).toContain('占最大累计值')
    w.unmount()
  })
})
