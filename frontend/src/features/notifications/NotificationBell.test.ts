import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import zhCN from '@/i18n/locales/zh-CN'
import en from '@/i18n/locales/en'
import { qk } from '@/api/queries'
import { complaintKeys } from '@/features/complaints/queries'
import type { NotificationRead } from '@/api/types'
import NotificationBell from './NotificationBell.vue'

// Element Plus is not installed here: the popover shows its button and its panel, the rest renders its content.
const plain = (tag: string) =>
  defineComponent({
    setup(_, { slots }) {
      return () => h(tag, { class: 'stub' }, slots.default?.())
    },
  })
const stubs = {
  'el-popover': defineComponent({
    setup(_, { slots }) {
      return () => h('div', [slots.reference?.(), slots.default?.()])
    },
  }),
  'el-icon': plain('i'),
  'el-button': plain('button'),
}

const base = {
  complaint_id: null,
  customer_id: null,
  score_sheet_id: null,
  period: null,
  customers: null,
  comment: null,
  actor_name: null,
  timer_kind: null,
  created_at: '2026-12-08T02:00:00Z',
  read_at: null,
} satisfies Partial<NotificationRead>

const items: NotificationRead[] = [
  {
    ...base,
    id: 5,
    kind: 'sheet_returned',
    customer_name: '金陵饭店',
    customer_id: 7,
    score_sheet_id: 41,
    period: '2026Q4',
    comment: '竞争克服度偏高',
    actor_name: '王经理',
  },
  {
    ...base,
    id: 4,
    kind: 'sheet_submitted',
    customer_name: '金陵饭店',
    customer_id: 7,
    score_sheet_id: 42,
    period: '2026Q4',
    actor_name: '张磊',
  },
  { ...base, id: 3, kind: 'customers_assigned', customer_name: null, customers: 12, actor_name: '林总' },
  { ...base, id: 2, kind: 'customers_assigned', customer_name: '外滩华庭', customer_id: 9, customers: 1, actor_name: '林总' },
  {
    ...base,
    id: 1,
    kind: 'customers_unassigned',
    customer_name: '外滩华庭',
    customer_id: 9,
    customers: 1,
    actor_name: '林总',
    read_at: '2026-12-08T03:00:00Z',
  },
]

async function render(locale: 'zh-CN' | 'en', list: NotificationRead[] = items) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } })
  queryClient.setQueryData(complaintKeys.notifications, {
    items: list,
    next_cursor: null,
    unread: list.filter((n) => !n.read_at).length,
  })
  queryClient.setQueryData(qk.settings, {
    company_name: 'C',
    time_zone: 'Asia/Shanghai',
    default_locale: 'zh-CN',
    currency: 'CNY',
  })
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en }, missingWarn: false, fallbackWarn: false })
  const page = defineComponent({ render: () => h('div') })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: page },
      { path: '/customers', name: 'customers', component: page },
      { path: '/customers/:id', name: 'customer', component: page },
      { path: '/score-sheets/:id', name: 'score-sheet', component: page },
      { path: '/complaints/:id', name: 'complaint', component: page },
    ],
  })
  await router.push('/')
  const w = mount(NotificationBell, { global: { plugins: [i18n, router, [VueQueryPlugin, { queryClient }]], stubs } })
  await flushPromises()
  return { w, router }
}

const texts = (w: Awaited<ReturnType<typeof render>>['w']) =>
  w.findAll('[data-testid="notification-item"]').map((i) => i.get('[data-testid="notification-text"]').text())

describe('the notification bell', () => {
  it('tells of returned and awaiting sheets and reassigned customers in Chinese', async () => {
    const { w } = await render('zh-CN')
    expect(w.get('[data-testid="notification-count"]').text()).toBe('4')
    expect(texts(w)).toEqual([
      '王经理退回了金陵饭店的 2026Q4 评分表',
      '张磊提交了金陵饭店的 2026Q4 评分表，待您审核',
      '林总将 12 个客户移交给您',
      '林总将客户外滩华庭移交给您',
      '林总已将客户外滩华庭移交他人',
    ])
    expect(w.get('[data-testid="notification-detail"]').text()).toBe('意见：竞争克服度偏高')
  })

  it('tells the same in English', async () => {
    const { w } = await render('en')
    expect(texts(w)).toEqual([
      "王经理 returned 金陵饭店's score sheet for 2026Q4",
      "张磊 submitted 金陵饭店's score sheet for 2026Q4; it awaits your review",
      '林总 reassigned 12 customers to you',
      '林总 reassigned the customer 外滩华庭 to you',
      '林总 reassigned your customer 外滩华庭 to someone else',
    ])
    expect(w.get('[data-testid="notification-detail"]').text()).toBe('Comment: 竞争克服度偏高')
  })

  it('opens the sheet, the customer or the list it is about', async () => {
    // Read ones: clicking marks nothing (no server here), it only navigates.
    const { w, router } = await render(
      'zh-CN',
      items.map((n) => ({ ...n, read_at: '2026-12-08T03:00:00Z' })),
    )
    const item = (id: number) => w.get(`[data-testid="notification-item"][data-id="${id}"]`)
    await item(5).trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/score-sheets/41')
    await item(2).trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/customers/9')
    await item(3).trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/customers')
    // A customer taken away may be out of sight now: nowhere to go.
    await item(1).trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/customers')
  })
})
