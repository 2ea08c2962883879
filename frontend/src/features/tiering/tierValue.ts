/**
 * Customer value on the tier dashboard: customers and trailing-12-month revenue per key-account level, the
 * ABC (Pareto) chart with its cut-offs, the decile table's labels, and the tier settings form (level
 * thresholds and ABC shares) with what the server would reject.
 * Pure functions over the API's decimal strings; views bind locale, currency and labels.
 */
import type { ChartOption } from '@/lib/echarts'
import { toNumber } from '@/lib/format'

export interface ValueFormat {
  /** A money amount for tooltips (`¥1,234.00`). */
  money: (n: number) => string
  /** A short amount for axes (`1.2万`). */
  compact: (n: number) => string
  /** A count (`1,420`). */
  integer: (n: number) => string
}

// --- key-account levels --------------------------------------------------------

export interface LevelLike {
  level: string
  customers: number
  revenue_12m: string
}

export interface LevelChartLabels {
  level: (level: string) => string
  customers: string
  revenue: string
}

/** Customers (bars, left axis) and their 12-month revenue (bars, right axis) per level, special first. */
export function levelChartOption(levels: readonly LevelLike[], labels: LevelChartLabels, fmt: ValueFormat): ChartOption {
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, data: [labels.customers, labels.revenue] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const items = (Array.isArray(params) ? params : [params]) as {
          axisValueLabel?: string
          seriesIndex?: number
          value?: unknown
          marker?: string
          seriesName?: string
        }[]
        const rows = items.map((p) => {
          const v = Number(p.value ?? 0)
          return `${p.marker ?? ''}${p.seriesName ?? ''}: <b>${p.seriesIndex === 1 ? fmt.money(v) : fmt.integer(v)}</b>`
        })
        return [items[0]?.axisValueLabel ?? '', ...rows].join('<br/>')
      },
    },
    xAxis: { type: 'category', data: levels.map((l) => labels.level(l.level)), axisTick: { alignWithLabel: true } },
    yAxis: [
      { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      { type: 'value', axisLabel: { formatter: (v: number) => fmt.compact(v) }, splitLine: { show: false } },
    ],
    series: [
      {
        name: labels.customers,
        type: 'bar',
        yAxisIndex: 0,
        data: levels.map((l) => l.customers),
        barMaxWidth: 36,
        itemStyle: { color: '#409eff', borderRadius: [3, 3, 0, 0] },
        label: { show: true, position: 'top', formatter: (p: { value?: unknown }) => fmt.integer(Number(p.value ?? 0)) },
      },
      {
        name: labels.revenue,
        type: 'bar',
        yAxisIndex: 1,
        data: levels.map((l) => toNumber(l.revenue_12m) ?? 0),
        barMaxWidth: 36,
        itemStyle: { color: '#e6a23c', borderRadius: [3, 3, 0, 0] },
      },
    ],
  }
}

// --- ABC / Pareto ------------------------------------------------------------------

export interface ParetoPointLike {
  customers: number
  revenue_12m: string
  customers_percent: string
  revenue_percent: string
}

export interface AbcCutoffs {
  /** Cumulative revenue percentages where A and B end (A share, A + B shares). */
  aPercent: number
  bPercent: number
  /** The first step whose cumulative revenue reaches each, or -1 when none does. */
  aIndex: number
  bIndex: number
}

/** Where the A and B classes end on the Pareto curve, from the ABC shares of revenue (e.g. 80 and 15). */
export function abcCutoffs(points: readonly ParetoPointLike[], aShare: number, bShare: number): AbcCutoffs {
  const aPercent = aShare
  const bPercent = Math.min(100, aShare + bShare)
  const cumulative = points.map((p) => toNumber(p.revenue_percent) ?? 0)
  return {
    aPercent,
    bPercent,
    aIndex: cumulative.findIndex((v) => v >= aPercent),
    bIndex: cumulative.findIndex((v) => v >= bPercent),
  }
}

export interface ParetoChartLabels {
  revenue: string
  cumulative: string
  customers: string
  zone: (cls: 'A' | 'B' | 'C') => string
}

const ZONE_COLOURS = { A: 'rgba(103, 194, 58, 0.10)', B: 'rgba(230, 162, 60, 0.10)', C: 'rgba(144, 147, 153, 0.08)' }

/**
 * The Pareto chart: customers ranked by revenue (largest first) in steps along the x axis (cumulative share
 * of customers), each step's revenue as bars (left axis), the cumulative share of revenue as a line (right
 * axis, 0-100 %), the A and B cut-offs as dashed lines and the A, B, C zones shaded.
 */
export function paretoChartOption(
  points: readonly ParetoPointLike[],
  cut: AbcCutoffs,
  labels: ParetoChartLabels,
  fmt: ValueFormat,
): ChartOption {
  const x = points.map((p) => `${toNumber(p.customers_percent) ?? 0}%`)
  const last = points.length - 1
  const zones: [string, number, number][] = []
  if (points.length) {
    const aEnd = cut.aIndex < 0 ? last : cut.aIndex
    const bEnd = cut.bIndex < 0 ? last : Math.max(cut.bIndex, aEnd)
    zones.push(['A', 0, aEnd])
    if (bEnd > aEnd) zones.push(['B', aEnd + 1, bEnd])
    if (last > bEnd) zones.push(['C', bEnd + 1, last])
  }
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 40, bottom: 28, containLabel: true },
    legend: { top: 0, data: [labels.revenue, labels.cumulative] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const items = (Array.isArray(params) ? params : [params]) as { dataIndex?: number }[]
        const p = points[items[0]?.dataIndex ?? -1]
        if (!p) return ''
        return [
          `${labels.customers}: <b>${toNumber(p.customers_percent)}%</b> (+${fmt.integer(p.customers)})`,
          `${labels.revenue}: <b>${fmt.money(toNumber(p.revenue_12m) ?? 0)}</b>`,
          `${labels.cumulative}: <b>${toNumber(p.revenue_percent)}%</b>`,
        ].join('<br/>')
      },
    },
    xAxis: { type: 'category', data: x, name: labels.customers, nameLocation: 'middle', nameGap: 30, axisTick: { show: false } },
    yAxis: [
      { type: 'value', axisLabel: { formatter: (v: number) => fmt.compact(v) }, splitLine: { lineStyle: { type: 'dashed' } } },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      {
        name: labels.revenue,
        type: 'bar',
        yAxisIndex: 0,
        data: points.map((p) => toNumber(p.revenue_12m) ?? 0),
        barCategoryGap: '10%',
        itemStyle: { color: '#409eff' },
        markArea: {
          silent: true,
          label: { position: 'insideTop', color: '#606266' },
          data: zones.map(([cls, from, to]) => [
            {
              name: labels.zone(cls as 'A' | 'B' | 'C'),
              xAxis: x[from],
              itemStyle: { color: ZONE_COLOURS[cls as 'A' | 'B' | 'C'] },
            },
            { xAxis: x[to] },
          ]),
        },
      },
      {
        name: labels.cumulative,
        type: 'line',
        yAxisIndex: 1,
        data: points.map((p) => toNumber(p.revenue_percent) ?? 0),
        showSymbol: false,
        smooth: true,
        itemStyle: { color: '#e6a23c' },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#f56c6c' },
          label: { formatter: '{b}', position: 'insideEndBottom' },
          data: [
            { name: `A ${cut.aPercent}%`, yAxis: cut.aPercent },
            { name: `A+B ${cut.bPercent}%`, yAxis: cut.bPercent },
          ],
        },
      },
    ],
  }
}

// --- deciles -------------------------------------------------------------------------

/** A decile's label: decile 1 is the top 10 % of customers (`10%`), decile 10 the rest (`100%`). */
export function decileLabel(decile: number): string {
  return `${decile * 10}%`
}

// --- tier settings -------------------------------------------------------------------

export interface TierSettingsLike {
  level_special: string
  level_a: string
  level_b: string
  abc_a_percent: string
  abc_b_percent: string
}

export interface SettingsDraft {
  level_special: number | null
  level_a: number | null
  level_b: number | null
  abc_a_percent: number | null
  abc_b_percent: number | null
}

export const SETTINGS_FIELDS = ['level_special', 'level_a', 'level_b', 'abc_a_percent', 'abc_b_percent'] as const
export type SettingsField = (typeof SETTINGS_FIELDS)[number]

export function toSettingsDraft(s: TierSettingsLike): SettingsDraft {
  return {
    level_special: toNumber(s.level_special),
    level_a: toNumber(s.level_a),
    level_b: toNumber(s.level_b),
    abc_a_percent: toNumber(s.abc_a_percent),
    abc_b_percent: toNumber(s.abc_b_percent),
  }
}

export type SettingsProblem = 'required' | 'levelOrder' | 'abcA' | 'abcSum'

/**
 * What the server would reject, by field: every value is needed; 0 <= B <= A <= special; the A share is
 * above 0 and the A and B shares add up to at most 100.
 */
export function settingsProblems(d: SettingsDraft): Partial<Record<SettingsField, SettingsProblem>> {
  const out: Partial<Record<SettingsField, SettingsProblem>> = {}
  for (const f of SETTINGS_FIELDS) if (d[f] === null || d[f] === undefined || Number.isNaN(d[f])) out[f] = 'required'
  const { level_special: s, level_a: a, level_b: b, abc_a_percent: pa, abc_b_percent: pb } = d
  // On the fields the server's 422 names (tests/contract/validation_cases/tier_settings.json holds both equal).
  if (b !== null && b < 0) out.level_b ??= 'levelOrder'
  if (a !== null && b !== null && b > a) out.level_a ??= 'levelOrder'
  if (s !== null && a !== null && a > s) out.level_special ??= 'levelOrder'
  const aValid = pa !== null && pa > 0 && pa <= 100
  if (pa !== null && !aValid) out.abc_a_percent ??= 'abcA'
  if (pb !== null && (pb < 0 || (aValid && pa + pb > 100))) out.abc_b_percent ??= 'abcSum'
  return out
}

/** The PUT body: every value as a decimal string (amounts with cents). */
export function toSettingsUpdate(d: SettingsDraft): TierSettingsLike {
  const money = (n: number | null) => (n ?? 0).toFixed(2)
  const pct = (n: number | null) => String(n ?? 0)
  return {
    level_special: money(d.level_special),
    level_a: money(d.level_a),
    level_b: money(d.level_b),
    abc_a_percent: pct(d.abc_a_percent),
    abc_b_percent: pct(d.abc_b_percent),
  }
}

/** The settings in the form differ from the saved ones. */
export function settingsChanged(saved: TierSettingsLike, d: SettingsDraft): boolean {
  const s = toSettingsDraft(saved)
  return SETTINGS_FIELDS.some((f) => s[f] !== d[f])
}
