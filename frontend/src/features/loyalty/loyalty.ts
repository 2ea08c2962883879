/**
 * Loyalty (客户忠诚度) for the dashboard and the customer 360 card: segment labels, the recency x frequency
 * grid, the health distribution, stage and value-class counts in a fixed order, the health signals as
 * sentences (an i18n key plus formatted parameters), the charts, and the customer list's loyalty filters
 * (read from the URL). Pure functions: views bind locale, labels and formatters.
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import {
  LIFECYCLE_STAGES,
  VALUE_CLASSES,
  type CustomerListQuery,
  type HealthSignal,
  type LifecycleStage,
  type SegmentRule,
  type ValueClass,
} from '@/api/types'
import { horizontalBarsOption } from '@/lib/charts'
import type { ChartOption } from '@/lib/echarts'
import { toNumber } from '@/lib/format'
import type { ValueFormat } from '@/features/tiering/tierValue'

type RuleLike = Pick<SegmentRule, 'key' | 'label_zh' | 'label_en'>

// --- labels --------------------------------------------------------------------

/** A segment's label in the UI language (from the segment rules); the key when the rules do not name it. */
export function segmentLabel(rules: readonly RuleLike[], key: string, locale: string): string {
  const rule = rules.find((r) => r.key === key)
  if (!rule) return key
  return (locale.startsWith('zh') ? rule.label_zh : rule.label_en) || rule.label_zh || rule.label_en || key
}

/** The segment the rules give a recency and frequency score (first match wins); null when none does. */
export function segmentOfScores(
  rules: readonly Pick<SegmentRule, 'key' | 'recency' | 'frequency'>[],
  recency: number,
  frequency: number,
): string | null {
  return rules.find((r) => r.recency.includes(recency) && r.frequency.includes(frequency))?.key ?? null
}

// --- counts in order ---------------------------------------------------------------

export interface CountLike {
  key: string | null
  customers: number
  revenue_12m: string
}

export interface OrderedCount<K extends string | null = string | null> {
  key: K
  customers: number
  revenue12m: number
}

/**
 * Counts in the order of `keys` (zeros included), then keys the counts name that `keys` lacks (largest first),
 * then the null key (customers without one, e.g. never bought) when it has customers.
 */
export function countsInOrder(keys: readonly string[], counts: readonly CountLike[]): OrderedCount[] {
  const by = new Map<string | null, { customers: number; revenue: number }>()
  for (const c of counts) {
    const prev = by.get(c.key) ?? { customers: 0, revenue: 0 }
    by.set(c.key, { customers: prev.customers + c.customers, revenue: prev.revenue + (toNumber(c.revenue_12m) ?? 0) })
  }
  const row = (key: string | null): OrderedCount => ({
    key,
    customers: by.get(key)?.customers ?? 0,
    revenue12m: by.get(key)?.revenue ?? 0,
  })
  const out = keys.map(row)
  const known = new Set<string | null>([...keys, null])
  const extra = [...by.entries()]
    .filter(([k]) => !known.has(k))
    .sort((a, b) => b[1].customers - a[1].customers || String(a[0]).localeCompare(String(b[0])))
  for (const [k] of extra) out.push(row(k))
  if ((by.get(null)?.customers ?? 0) > 0) out.push(row(null))
  return out
}

/** Lifecycle stages in their order (exploration, formation, stability, decline), zeros included. */
export function stageCounts(counts: readonly CountLike[]): OrderedCount[] {
  return countsInOrder(LIFECYCLE_STAGES, counts)
}

/** Value classes in their order (value, potential, migrating, freezing point), then customers without one. */
export function valueClassCounts(counts: readonly CountLike[]): OrderedCount[] {
  return countsInOrder(VALUE_CLASSES, counts)
}

/** Segments in rule order, then unknown segments, then "never bought" (the null key). */
export function segmentCounts(rules: readonly RuleLike[], counts: readonly CountLike[]): OrderedCount[] {
  return countsInOrder(
    rules.map((r) => r.key),
    counts,
  )
}

// --- the recency x frequency grid --------------------------------------------------

export const RFM_SCORES = [1, 2, 3, 4, 5] as const

export interface RfmCellLike {
  recency: number
  frequency: number
  customers: number
  revenue_12m: string
}

export interface RfmGridCell {
  recency: number
  frequency: number
  customers: number
  revenue12m: number
}

/**
 * The 5 x 5 grid: rows by recency score, 5 (most recent) first; columns by frequency score, 1 first. Every
 * cell is there (zeros included); several cells for the same scores are added up, scores outside 1-5 ignored.
 */
export function rfmGrid(cells: readonly RfmCellLike[]): RfmGridCell[][] {
  const at = new Map<string, RfmGridCell>()
  for (const c of cells) {
    const k = `${c.recency},${c.frequency}`
    const prev = at.get(k)
    at.set(k, {
      recency: c.recency,
      frequency: c.frequency,
      customers: (prev?.customers ?? 0) + c.customers,
      revenue12m: (prev?.revenue12m ?? 0) + (toNumber(c.revenue_12m) ?? 0),
    })
  }
  return [...RFM_SCORES]
    .reverse()
    .map((recency) =>
      RFM_SCORES.map((frequency) => at.get(`${recency},${frequency}`) ?? { recency, frequency, customers: 0, revenue12m: 0 }),
    )
}

export interface RfmChartLabels {
  recency: string
  frequency: string
  customers: string
  revenue: string
  /** The segment of a score pair, for the tooltip ('' for none). */
  segment: (recency: number, frequency: number) => string
}

/**
 * The heatmap: frequency score along the bottom (1 to 5), recency score down the side (5 at the top), each
 * cell coloured and labelled by its customers; the tooltip adds the segment and the 12-month revenue.
 */
export function rfmChartOption(grid: readonly RfmGridCell[][], labels: RfmChartLabels, fmt: ValueFormat): ChartOption {
  const flat = grid.flat()
  const data = flat.map((c) => [c.frequency - 1, 5 - c.recency, c.customers] as [number, number, number])
  const max = flat.reduce((m, c) => Math.max(m, c.customers), 0)
  return {
    animation: false,
    grid: { left: 30, right: 16, top: 8, bottom: 30, containLabel: true },
    tooltip: {
      position: 'top',
      formatter: (p: unknown) => {
        const v = (p as { value?: [number, number, number] }).value
        if (!v) return ''
        const frequency = v[0] + 1
        const recency = 5 - v[1]
        const cell = flat.find((c) => c.recency === recency && c.frequency === frequency)
        const segment = labels.segment(recency, frequency)
        return [
          `R${recency} · F${frequency}${segment ? ` · <b>${segment}</b>` : ''}`,
          `${labels.customers}: <b>${fmt.integer(cell?.customers ?? 0)}</b>`,
          `${labels.revenue}: <b>${fmt.money(cell?.revenue12m ?? 0)}</b>`,
        ].join('<br/>')
      },
    },
    xAxis: {
      type: 'category',
      data: RFM_SCORES.map((f) => `F${f}`),
      name: labels.frequency,
      nameLocation: 'middle',
      nameGap: 26,
      splitArea: { show: true },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'category',
      data: [...RFM_SCORES].reverse().map((r) => `R${r}`),
      name: labels.recency,
      nameLocation: 'middle',
      nameRotate: 90,
      nameGap: 30,
      inverse: true,
      splitArea: { show: true },
      axisTick: { show: false },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: Math.max(1, max),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      show: false,
      inRange: { color: ['#f2f6fc', '#79bbff', '#1d4e89'] },
    },
    series: [
      {
        type: 'heatmap',
        name: labels.customers,
        data,
        label: { show: true },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        emphasis: { itemStyle: { shadowBlur: 6, shadowColor: 'rgba(0, 0, 0, 0.3)' } },
      },
    ],
  }
}

// --- health ---------------------------------------------------------------------

/** The ten buckets of the health distribution: `0–10`, `10–20` ... `90–100`. */
export function healthBucketLabels(): string[] {
  return Array.from({ length: 10 }, (_, i) => `${i * 10}–${i * 10 + 10}`)
}

/**
 * The customer list filter of a bucket: [10 i, 10 i + 10), the last one [90, 100]. Scores have one decimal,
 * so a bucket ends at x9.9.
 */
export function healthBucketRange(index: number): { health_min: string; health_max: string } {
  const i = Math.max(0, Math.min(9, Math.trunc(index)))
  return { health_min: String(i * 10), health_max: i === 9 ? '100' : `${i * 10 + 9}.9` }
}

export type HealthBand = 'danger' | 'warning' | 'success'

/** How a health score reads: below 40 poor, below 60 fair, else good. */
export function healthBand(score: number | string | null | undefined): HealthBand | null {
  const n = toNumber(score)
  if (n === null) return null
  return n < 40 ? 'danger' : n < 60 ? 'warning' : 'success'
}

export const HEALTH_COLOURS: Record<HealthBand, string> = { danger: '#f56c6c', warning: '#e6a23c', success: '#67c23a' }

export interface HealthChartLabels {
  customers: string
  health: string
}

/** The health distribution: customers per ten-point bucket, coloured by band. */
export function healthChartOption(
  buckets: readonly number[],
  labels: HealthChartLabels,
  fmt: Pick<ValueFormat, 'integer'>,
): ChartOption {
  const names = healthBucketLabels()
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 24, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const p = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined
        const i = p?.dataIndex ?? -1
        if (i < 0) return ''
        return `${labels.health} ${names[i]}<br/>${labels.customers}: <b>${fmt.integer(buckets[i] ?? 0)}</b>`
      },
    },
    xAxis: {
      type: 'category',
      data: names,
      name: labels.health,
      nameLocation: 'middle',
      nameGap: 28,
      axisTick: { alignWithLabel: true },
      axisLabel: { interval: 0, fontSize: 11 },
    },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [
      {
        type: 'bar',
        name: labels.customers,
        data: names.map((_, i) => ({ value: buckets[i] ?? 0, itemStyle: { color: HEALTH_COLOURS[healthBand(i * 10)!] } })),
        barCategoryGap: '20%',
        label: { show: true, position: 'top', formatter: (p: { value?: unknown }) => fmt.integer(Number(p.value ?? 0)) },
      },
    ],
  }
}

/** The health gauge (0-100) with the poor / fair / good bands on its rim. */
export function healthGaugeOption(score: number | string | null | undefined, label: string): ChartOption {
  const n = toNumber(score)
  return {
    animation: false,
    series: [
      {
        type: 'gauge',
        name: label,
        min: 0,
        max: 100,
        splitNumber: 5,
        radius: '95%',
        center: ['50%', '58%'],
        startAngle: 210,
        endAngle: -30,
        axisLine: {
          lineStyle: {
            width: 12,
            color: [
              [0.4, HEALTH_COLOURS.danger],
              [0.6, HEALTH_COLOURS.warning],
              [1, HEALTH_COLOURS.success],
            ],
          },
        },
        pointer: { width: 4, length: '60%', itemStyle: { color: 'auto' } },
        axisTick: { distance: -12, length: 4, lineStyle: { color: '#fff', width: 1 } },
        splitLine: { distance: -12, length: 12, lineStyle: { color: '#fff', width: 2 } },
        axisLabel: { distance: 16, fontSize: 10, color: '#909399' },
        title: { show: false },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, '55%'],
          fontSize: 22,
          fontWeight: 600,
          formatter: (v: number) => (n === null ? '—' : v.toFixed(1)),
          color: 'inherit',
        },
        data: [{ value: n ?? 0, name: label }],
      },
    ],
  }
}

// --- complaints on the customer card ------------------------------------------------------------

export interface QuarterComplaintsLike {
  quarter_start: string
  current: boolean
  count: number | null
}

export interface ComplaintLine {
  /** `loyalty.card.<key>` with `{year}` and `{quarter}`: the window the count covers. */
  key: 'complaintsCurrent' | 'complaintsPast'
  year: number
  quarter: number
  /** Null: not known (the line then says "no data yet"); 0 is a count like any other. */
  count: number | null
}

/**
 * The card's complaint lines: this quarter to date, then last quarter, each naming its quarter (GET
 * /customers/{id}/loyalty `complaints`, counted when read). None when the API gave no counts.
 */
export function complaintLines(quarters: readonly QuarterComplaintsLike[] | null | undefined): ComplaintLine[] {
  return (quarters ?? []).map((q) => {
    const [year, month] = q.quarter_start.split('-').map(Number)
    return {
      key: q.current ? 'complaintsCurrent' : 'complaintsPast',
      year: year ?? 0,
      quarter: Math.floor(((month ?? 1) - 1) / 3) + 1,
      count: typeof q.count === 'number' && Number.isFinite(q.count) ? q.count : null,
    }
  })
}

// --- signals as sentences ------------------------------------------------------------------

export interface SignalLike {
  signal: HealthSignal
  score: number | null
  points: number | null
  value: number | null
  baseline: number | null
}

export interface SignalFormat {
  /** A money amount (`¥1,234.00`). */
  money: (n: number) => string
  /** A share 0..1 as a percentage (`35%`). */
  percent: (n: number) => string
  /** A count or a number of days, rounded (`14`). */
  integer: (n: number) => string
  /** A signed change as a percentage (`+12%`, `-45%`). */
  signedPercent: (n: number) => string
}

/** A sentence: the i18n key under `loyalty.signals.<signal>` and its already formatted parameters. */
export interface SignalText {
  key: string
  params: Record<string, string>
}

/** A typical interval when the customer has not bought twice yet (the server's default). */
export const DEFAULT_INTERVAL_DAYS = 30
/** Contact changes that count fully (the server's default). */
export const CONTACT_CHANGES_FULL = 2

/**
 * What a signal means for this customer, as one sentence: `text` when the figure and what it is compared
 * with are known, `noBaseline` when only the figure is, `unknown` when not even that (e.g. complaints: no
 * data yet). Days and counts are rounded; shares are percentages.
 */
export function signalText(s: SignalLike, fmt: SignalFormat): SignalText {
  const base = `loyalty.signals.${s.signal}`
  const v = s.value
  const b = s.baseline
  const at = (variant: 'text' | 'noBaseline' | 'unknown', params: Record<string, string> = {}): SignalText => ({
    key: `${base}.${variant}`,
    params,
  })
  switch (s.signal) {
    case 'recency':
      if (v === null) return at('unknown')
      if (b === null) return at('noBaseline', { days: fmt.integer(v), interval: fmt.integer(DEFAULT_INTERVAL_DAYS) })
      return at('text', { days: fmt.integer(v), interval: fmt.integer(Math.max(1, b)) })
    case 'revenue_trend':
      if (v === null) return at('unknown')
      if (b === null || b <= 0) return at('noBaseline', { value: fmt.money(v) })
      return at('text', { value: fmt.money(v), baseline: fmt.money(b), change: fmt.signedPercent(v / b - 1) })
    case 'share_of_wallet_trend':
    case 'discount_trend':
    case 'cancellations_returns_trend':
      if (v === null) return at('unknown')
      if (b === null) return at('noBaseline', { value: fmt.percent(v) })
      return at('text', { value: fmt.percent(v), baseline: fmt.percent(b) })
    case 'complaints_trend':
      if (v === null) return at('unknown')
      if (b === null) return at('noBaseline', { value: fmt.integer(v) })
      return at('text', { value: fmt.integer(v), baseline: fmt.integer(b) })
    case 'contact_changes':
      if (v === null) return at('unknown')
      return at('text', { value: fmt.integer(v), baseline: fmt.integer(b ?? CONTACT_CHANGES_FULL) })
    default:
      return at('unknown')
  }
}

/** The signals pulling a score down (negative points), largest first, at most `n`. */
export function topReasons<T extends Pick<SignalLike, 'points'>>(signals: readonly T[], n = 3): T[] {
  return signals
    .filter((s) => s.points !== null && s.points < 0)
    .sort((a, b) => (a.points ?? 0) - (b.points ?? 0))
    .slice(0, n)
}

/** Points with their sign and one decimal (`+12.5`, `-8.0`, `0.0`); `—` when unknown. */
export function formatPoints(points: number | string | null | undefined, locale: string): string {
  const n = toNumber(points)
  if (n === null) return '—'
  const rounded = Math.round(n * 10) / 10
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
    rounded === 0 ? 0 : rounded,
  )
}

/** The Element Plus tag type of a signal by its points: pulling down, pushing up, neither or unknown. */
export function pointsTag(points: number | null): 'danger' | 'success' | 'info' {
  if (points === null || Math.abs(points) < 0.05) return 'info'
  return points < 0 ? 'danger' : 'success'
}

// --- segment sizes and their history ----------------------------------------------------------

export interface SegmentChartLabels {
  segment: (key: string | null) => string
  customers: string
  revenue: string
}

/** Customers per segment as horizontal bars (rule order from the top), the 12-month revenue in the tooltip. */
export function segmentChartOption(counts: readonly OrderedCount[], labels: SegmentChartLabels, fmt: ValueFormat): ChartOption {
  return horizontalBarsOption(
    counts.map((c) => ({
      label: labels.segment(c.key),
      value: c.customers,
      colour: c.key === null ? '#c0c4cc' : '#409eff',
      tooltip: `<b>${labels.segment(c.key)}</b><br/>${labels.customers}: <b>${fmt.integer(c.customers)}</b><br/>${labels.revenue}: <b>${fmt.money(c.revenue12m)}</b>`,
    })),
    labels.customers,
    fmt.integer,
  )
}

export interface SegmentSizeLike {
  as_of: string
  segment: string
  customers: number
}

export interface SegmentHistory {
  /** Recompute days, oldest first. */
  dates: string[]
  /** One line per segment, in rule order then unknown segments; customers on each day (0 when absent). */
  series: { key: string; customers: number[] }[]
}

/** Segment sizes over time, as the line chart needs them. */
export function segmentHistory(rules: readonly RuleLike[], items: readonly SegmentSizeLike[]): SegmentHistory {
  const dates = [...new Set(items.map((i) => i.as_of))].sort()
  const dateIndex = new Map(dates.map((d, i) => [d, i] as const))
  const keys = rules.map((r) => r.key)
  for (const i of items) if (!keys.includes(i.segment)) keys.push(i.segment)
  const present = new Set(items.map((i) => i.segment))
  const series = keys
    .filter((k) => present.has(k))
    .map((key) => {
      const customers = dates.map(() => 0)
      for (const i of items) if (i.segment === key) customers[dateIndex.get(i.as_of)!]! += i.customers
      return { key, customers }
    })
  return { dates, series }
}

export const SEGMENT_COLOURS = [
  '#2e8b57',
  '#409eff',
  '#8c7ae6',
  '#17a2b8',
  '#67c23a',
  '#b8860b',
  '#e6a23c',
  '#d35400',
  '#f56c6c',
  '#909399',
  '#606266',
]

/** Segments the trend chart emphasises; the rest are summed as one "other" series. */
export const TREND_SEGMENTS = 4
/** The key of the summed "other" series (never a segment rule's key: those are identifiers). */
export const OTHER_SEGMENTS = '~other'

/**
 * The segment sizes over time for reading, not for decoding eleven lines: the `max` largest segments on the
 * latest day (rule order breaks ties) and the rest summed as `OTHER_SEGMENTS` (last), so at most max + 1 series.
 */
export function segmentTrend(h: SegmentHistory, max = TREND_SEGMENTS): SegmentHistory {
  if (h.series.length <= max + 1) return h
  const last = h.dates.length - 1
  const ranked = h.series
    .map((s, order) => ({ s, order }))
    .sort((a, b) => (b.s.customers[last] ?? 0) - (a.s.customers[last] ?? 0) || a.order - b.order)
  const top = new Set(ranked.slice(0, max).map((r) => r.s.key))
  const kept = h.series.filter((s) => top.has(s.key))
  const other = h.dates.map((_, i) => h.series.filter((s) => !top.has(s.key)).reduce((sum, s) => sum + (s.customers[i] ?? 0), 0))
  return { dates: h.dates, series: [...kept, { key: OTHER_SEGMENTS, customers: other }] }
}

export interface SegmentTrendLabels {
  /** A segment's name; `OTHER_SEGMENTS` is the summed rest. */
  segment: (key: string) => string
  /** A count with its share of the day's customers (`120 位（6%）`). */
  share: (customers: number, share: number) => string
}

/**
 * The segment sizes over time as stacked bars, one per recompute day (the whole bar is the portfolio), at most
 * TREND_SEGMENTS + 1 series; the legend scrolls along the bottom so it fits a phone, the tooltip gives each
 * segment's count and share of the day.
 */
export function segmentHistoryChartOption(h: SegmentHistory, labels: SegmentTrendLabels): ChartOption {
  const trend = segmentTrend(h)
  const totals = trend.dates.map((_, i) => trend.series.reduce((sum, s) => sum + (s.customers[i] ?? 0), 0))
  return {
    animation: false,
    color: trend.series.map((s, i) => (s.key === OTHER_SEGMENTS ? '#c0c4cc' : SEGMENT_COLOURS[i % SEGMENT_COLOURS.length]!)),
    grid: { left: 8, right: 8, top: 12, bottom: 40, containLabel: true },
    legend: {
      type: 'scroll',
      bottom: 0,
      left: 'center',
      itemWidth: 12,
      itemHeight: 10,
      data: trend.series.map((s) => labels.segment(s.key)),
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const items = (Array.isArray(params) ? params : [params]) as {
          dataIndex?: number
          seriesIndex?: number
          marker?: string
        }[]
        const day = items[0]?.dataIndex ?? -1
        if (day < 0) return ''
        const lines = [...items].reverse().map((p) => {
          const s = trend.series[p.seriesIndex ?? -1]
          const n = s?.customers[day] ?? 0
          return s
            ? `${p.marker ?? ''}${labels.segment(s.key)}: <b>${labels.share(n, totals[day] ? n / totals[day]! : 0)}</b>`
            : ''
        })
        return [`<b>${trend.dates[day]}</b>`, ...lines].join('<br/>')
      },
    },
    xAxis: { type: 'category', data: trend.dates, axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    series: trend.series.map((s) => ({
      type: 'bar' as const,
      name: labels.segment(s.key),
      stack: 'segments',
      barMaxWidth: 48,
      emphasis: { focus: 'series' as const },
      data: s.customers,
    })),
  }
}

// --- lifetime value deciles ---------------------------------------------------------------------

export interface DecileRowLike {
  decile: number
  total: string
  cumulative_percent: string
}

export interface DecileChartLabels {
  decile: (decile: number) => string
  total: string
  cumulative: string
}

/** Future profit per decile (bars, left axis) and the cumulative share (line, right axis, 0-100 %). */
export function decileChartOption(rows: readonly DecileRowLike[], labels: DecileChartLabels, fmt: ValueFormat): ChartOption {
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, data: [labels.total, labels.cumulative] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const items = (Array.isArray(params) ? params : [params]) as { dataIndex?: number }[]
        const r = rows[items[0]?.dataIndex ?? -1]
        if (!r) return ''
        return [
          `<b>${labels.decile(r.decile)}</b>`,
          `${labels.total}: <b>${fmt.money(toNumber(r.total) ?? 0)}</b>`,
          `${labels.cumulative}: <b>${toNumber(r.cumulative_percent) ?? 0}%</b>`,
        ].join('<br/>')
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => labels.decile(r.decile)), axisTick: { alignWithLabel: true } },
    yAxis: [
      { type: 'value', axisLabel: { formatter: (v: number) => fmt.compact(v) }, splitLine: { lineStyle: { type: 'dashed' } } },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      {
        name: labels.total,
        type: 'bar',
        yAxisIndex: 0,
        data: rows.map((r) => toNumber(r.total) ?? 0),
        barMaxWidth: 36,
        itemStyle: { color: '#2e8b57', borderRadius: [3, 3, 0, 0] },
      },
      {
        name: labels.cumulative,
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => toNumber(r.cumulative_percent) ?? 0),
        smooth: true,
        itemStyle: { color: '#e6a23c' },
      },
    ],
  }
}

// --- the customer list's loyalty filters ------------------------------------------------------

export const LOYALTY_FILTER_KEYS = ['segment', 'stage', 'value_class', 'health_min', 'health_max', 'core'] as const
export type LoyaltyFilterKey = (typeof LOYALTY_FILTER_KEYS)[number]
export type LoyaltyFilters = Partial<Record<LoyaltyFilterKey, string>>

const SCORE = /^\d{1,3}(\.\d+)?$/
const FILTER_VALUE: Record<LoyaltyFilterKey, (v: string) => boolean> = {
  segment: (v) => /^[a-z][a-z0-9_]{0,39}$/.test(v),
  stage: (v) => (LIFECYCLE_STAGES as readonly string[]).includes(v),
  value_class: (v) => (VALUE_CLASSES as readonly string[]).includes(v),
  health_min: (v) => SCORE.test(v) && Number(v) <= 100,
  health_max: (v) => SCORE.test(v) && Number(v) <= 100,
  core: (v) => v === 'true' || v === 'false',
}

/** The loyalty filters in a route's query; values the API would reject are dropped. */
export function loyaltyFiltersFromQuery(query: LocationQuery | LocationQueryRaw): LoyaltyFilters {
  const out: LoyaltyFilters = {}
  for (const key of LOYALTY_FILTER_KEYS) {
    const raw = query[key]
    const v = Array.isArray(raw) ? raw[0] : raw
    if (typeof v === 'string' && FILTER_VALUE[key](v)) out[key] = v
  }
  return out
}

/** The loyalty filters as GET /customers parameters (numbers and a boolean where the API takes them). */
export function loyaltyListParams(f: LoyaltyFilters): Partial<CustomerListQuery> {
  const out: Partial<CustomerListQuery> = {}
  if (f.segment) out.segment = f.segment
  if (f.stage) out.stage = f.stage as LifecycleStage
  if (f.value_class) out.value_class = f.value_class as ValueClass
  if (f.health_min) out.health_min = Number(f.health_min)
  if (f.health_max) out.health_max = Number(f.health_max)
  if (f.core) out.core = f.core === 'true'
  return out
}
