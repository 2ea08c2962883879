import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import zhCN from '@/i18n/locales/zh-CN'
import en from '@/i18n/locales/en'
import { qk } from '@/api/queries'
import type { CustomerLoyalty } from '@/api/types'
import CustomerLoyaltyCard from './CustomerLoyaltyCard.vue'
import { complaintLines } from './loyalty'

// Element Plus is not installed here: its pieces render their label and content as plain elements.
const plain = (tag: string) =>
  defineComponent({
    props: { label: { type: String, default: '' } },
    setup(props, { slots }) {
      return () => h(tag, { class: 'stub' }, [props.label ? h('span', { class: 'label' }, props.label) : null, slots.default?.()])
    },
  })
const stubs = {
  'el-card': plain('section'),
  'el-descriptions': plain('div'),
  'el-descriptions-item': plain('p'),
  'el-tag': plain('span'),
  'el-alert': plain('div'),
  EChart: plain('div'),
  SignalReasons: plain('ul'),
}

const loyalty = (complaints: CustomerLoyalty['complaints'] | undefined): CustomerLoyalty =>
  ({
    customer_id: 7,
    as_of: '2026-12-08',
    run_id: 1,
    recency_days: 3,
    frequency_12m: 4,
    monetary_12m: '1200.00',
    monetary_window: {
      kind: 'complete_quarters',
      start: '2025-10-01',
      end: '2026-09-30',
      first_quarter: '2025Q4',
      last_quarter: '2026Q3',
    },
    rfm: null,
    segment: null,
    health_score: null,
    health_before: null,
    health_change: null,
    signals: [],
    stage: 'exploration',
    value_class: null,
    core: false,
    p_alive: null,
    expected_purchases: null,
    expected_order_value: null,
    predicted_revenue_12m: null,
    predicted_window: { kind: 'next_12_months', start: '2026-12-09', end: '2027-12-08', first_quarter: null, last_quarter: null },
    future_profit: null,
    ...(complaints === undefined ? {} : { complaints }),
  }) as CustomerLoyalty

function render(data: CustomerLoyalty, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } })
  queryClient.setQueryData(qk.customerLoyalty(7), data)
  queryClient.setQueryData(qk.settings, {
    company_name: 'C',
    time_zone: 'Asia/Shanghai',
    default_locale: 'zh-CN',
    currency: 'CNY',
  })
  queryClient.setQueryData(qk.loyaltySettings, { segment_rules: [] })
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en }, missingWarn: false, fallbackWarn: false })
  return mount(CustomerLoyaltyCard, {
    props: { customerId: 7 },
    global: { plugins: [i18n, [VueQueryPlugin, { queryClient }]], stubs, directives: { loading: {} } },
  })
}

const line = (w: ReturnType<typeof render>, key: string) => w.get(`[data-testid="loyalty-${key}"]`)

describe("the loyalty card's complaint count", () => {
  it("shows this quarter's complaints with the quarter it covers, and 0 as 0", async () => {
    const w = render(
      loyalty([
        { quarter_start: '2026-10-01', current: true, count: 1 },
        { quarter_start: '2026-07-01', current: false, count: 0 },
      ]),
    )
    await flushPromises()
    expect(line(w, 'complaintsCurrent').text()).toBe('1 次')
    expect(line(w, 'complaintsPast').text()).toBe('0 次')
    expect(w.text()).toContain('本季度投诉（2026 年第 4 季度至今）')
    expect(w.text()).toContain('上季度投诉（2026 年第 3 季度）')
    expect(w.text()).not.toContain('暂无数据')
  })

  it('says "no data yet" only when the count is missing', async () => {
    const w = render(loyalty(undefined))
    await flushPromises()
    expect(line(w, 'complaintsCurrent').text()).toBe('暂无数据')
    expect(line(w, 'complaintsCurrent').attributes('data-value')).toBe('')
  })

  it('speaks English', async () => {
    const w = render(loyalty([{ quarter_start: '2026-10-01', current: true, count: 0 }]), 'en')
    await flushPromises()
    expect(w.text()).toContain('Complaints this quarter (Q4 2026 to date)')
    expect(line(w, 'complaintsCurrent').text()).toBe('0')
  })

  it('names the quarter from its first day', () => {
    expect(complaintLines([{ quarter_start: '2027-01-01', current: true, count: 2 }])).toEqual([
      { key: 'complaintsCurrent', year: 2027, quarter: 1, count: 2 },
    ])
    expect(complaintLines(null)).toEqual([])
  })
})
