/**
 * Transactions on the customer 360 page: the monthly revenue series for the chart (months without
 * orders filled with zero so the axis is continuous), the chart's ECharts option, and what changed
 * between two versions of an order (numbers and money are formatted by lib/format).
 * Pure functions: views bind locale, currency and labels.
 */
import type { MonthlyRevenue, OrderStatus } from '@/api/types'
import type { ChartOption } from '@/lib/echarts'
import { toNumber, type TagType } from '@/lib/format'

// --- months ----------------------------------------------------------------

/** `YYYY-MM` of a calendar date or month (`2026-11-01` -> `2026-11`); null when it is not one. */
export function monthKey(value: string | null | undefined): string | null {
  const m = /^(\d{4})-(\d{2})/.exec(value ?? '')
  if (!m) return null
  const month = Number(m[2])
  return month >= 1 && month <= 12 ? `${m[1]}-${m[2]}` : null
}

function monthIndex(key: string): number {
  const [y, m] = key.split('-').map(Number)
  return y! * 12 + (m! - 1)
}

function keyOf(index: number): string {
  const y = Math.floor(index / 12)
  const m = (index % 12) + 1
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`
}

/** Every month from `from` to `to` inclusive (`YYYY-MM`); empty when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const a = monthIndex(from)
  const b = monthIndex(to)
  const out: string[] = []
  for (let i = a; i <= b; i++) out.push(keyOf(i))
  return out
}

export interface MonthlySeries {
  /** `YYYY-MM`, oldest first, no gaps. */
  months: string[]
  /** Net revenue per month (0 for a month without orders; negative when returns outweigh sales). */
  revenue: number[]
  /** Orders per month. */
  orders: number[]
}

/**
 * The chart's series: one point per month from the first month in `monthly` to the last one, or to
 * `until` (`YYYY-MM`, the current month in the company time zone) when that is later, so a customer
 * who stopped buying shows the months since as zeros. Months the API left out are 0. Several entries
 * for one month are added up; entries that are not dates are ignored.
 */
export function monthlySeries(monthly: readonly MonthlyRevenue[], until?: string | null): MonthlySeries {
  const byMonth = new Map<string, { revenue: number; orders: number }>()
  for (const m of monthly) {
    const key = monthKey(m.month)
    if (!key) continue
    const entry = byMonth.get(key) ?? { revenue: 0, orders: 0 }
    entry.revenue += toNumber(m.net_revenue) ?? 0
    entry.orders += m.order_count
    byMonth.set(key, entry)
  }
  if (byMonth.size === 0) return { months: [], revenue: [], orders: [] }
  const keys = [...byMonth.keys()].sort()
  const first = keys[0]!
  let last = keys[keys.length - 1]!
  const end = monthKey(until)
  if (end && end > last) last = end
  const months = monthsBetween(first, last)
  return {
    months,
    // Cents are exact in a double up to far beyond any customer's revenue; round away float noise.
    revenue: months.map((k) => Math.round((byMonth.get(k)?.revenue ?? 0) * 100) / 100),
    orders: months.map((k) => byMonth.get(k)?.orders ?? 0),
  }
}

// --- orders ----------------------------------------------------------------

/** The colour of an order's status tag. */
export const ORDER_STATUS_TAG: Record<OrderStatus, TagType> = {
  placed: 'info',
  confirmed: 'primary',
  delivered: 'success',
  cancelled: 'info',
  returned: 'danger',
  partially_returned: 'warning',
}

/** One field that changed between two versions of an order. */
export interface OrderChange {
  field: string
  before: unknown
  after: unknown
}

/** The fields of an order version a person cares about, in the order they are shown. */
export const ORDER_FIELDS = [
  'status',
  'ordered_at',
  'total_amount',
  'returned_amount',
  'discount_amount',
  'net_amount',
  'currency',
  'store_code',
  'kind',
  'original_order_id',
  'lines',
] as const

const NUMERIC = new Set(['total_amount', 'returned_amount', 'discount_amount', 'net_amount', 'original_order_id'])
const LINE_NUMERIC = ['quantity', 'unit_price', 'discount_amount'] as const

function normalLine(line: unknown): Record<string, unknown> {
  const l = (line ?? {}) as Record<string, unknown>
  const out: Record<string, unknown> = { sku: l.sku ?? null, product_name: l.product_name ?? null }
  for (const k of LINE_NUMERIC) out[k] = toNumber(l[k] as string | number | null | undefined) ?? 0
  return out
}

/**
 * Comparable form of a field: amounts as numbers (a stored version keeps them as JSON numbers, the
 * current order as decimal strings), instants as epoch milliseconds, lines without their numbering.
 */
function normal(field: string, v: unknown): unknown {
  if (v === undefined || v === '') return null
  if (NUMERIC.has(field)) return toNumber(v as string | number | null)
  if (field === 'ordered_at' && typeof v === 'string') {
    const t = Date.parse(v)
    return Number.isNaN(t) ? v : t
  }
  if (field === 'lines') return Array.isArray(v) ? v.map(normalLine) : []
  return v
}

/**
 * What a replaced version (`before`, the `state` of a history entry) looked like against the version
 * that replaced it (`after`: the next newer history state, or the current order): the fields of
 * ORDER_FIELDS whose values differ, in that order. Values are returned as the API had them.
 */
export function orderChanges(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): OrderChange[] {
  const b = before ?? {}
  const a = after ?? {}
  const out: OrderChange[] = []
  for (const field of ORDER_FIELDS) {
    if (JSON.stringify(normal(field, b[field])) === JSON.stringify(normal(field, a[field]))) continue
    out.push({ field, before: b[field] ?? null, after: a[field] ?? null })
  }
  return out
}

// --- the monthly revenue chart -----------------------------------------------

export interface RevenueChartLabels {
  revenue: string
  orders: string
}

export interface RevenueChartFormat {
  /** A money amount for the tooltip (`¥1,234.00`). */
  money: (n: number) => string
  /** A short amount for the axis (`1.2万`). */
  compact: (n: number) => string
}

/**
 * The ECharts option of the monthly chart: net revenue as bars on the left axis, orders as a line
 * on the right axis, one category per month, a shared tooltip.
 */
export function revenueChartOption(series: MonthlySeries, labels: RevenueChartLabels, fmt: RevenueChartFormat): ChartOption {
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 40, bottom: 8 },
    legend: { top: 0, data: [labels.revenue, labels.orders] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const items = (Array.isArray(params) ? params : [params]) as {
          axisValueLabel?: string
          seriesName?: string
          seriesIndex?: number
          value?: unknown
          marker?: string
        }[]
        const head = items[0]?.axisValueLabel ?? ''
        const rows = items.map((p) => {
          const v = Number(p.value ?? 0)
          const shown = p.seriesIndex === 0 ? fmt.money(v) : String(v)
          return `${p.marker ?? ''}${p.seriesName ?? ''}: <b>${shown}</b>`
        })
        return [head, ...rows].join('<br/>')
      },
    },
    xAxis: {
      type: 'category',
      data: series.months,
      axisTick: { alignWithLabel: true },
    },
    yAxis: [
      {
        type: 'value',
        name: labels.revenue,
        axisLabel: { formatter: (v: number) => fmt.compact(v) },
        splitLine: { lineStyle: { type: 'dashed' } },
      },
      {
        type: 'value',
        name: labels.orders,
        minInterval: 1,
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: labels.revenue,
        type: 'bar',
        data: series.revenue,
        yAxisIndex: 0,
        barMaxWidth: 28,
        itemStyle: { color: '#409eff', borderRadius: [3, 3, 0, 0] },
      },
      {
        name: labels.orders,
        type: 'line',
        data: series.orders,
        yAxisIndex: 1,
        symbolSize: 5,
        itemStyle: { color: '#e6a23c' },
      },
    ],
  }
}
