/**
 * Tiering (分级分类) for the dashboard: the category matrix as per-category totals and a potential x
 * possibility grid split by basis, the quarter-to-quarter transition heatmap, the customer list's
 * tier filters (read from the URL), and category labels in the UI language.
 * Pure functions: views bind locale and labels.
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { GRADES, type CategoryRule, type Grade } from '@/api/types'
import type { ChartOption } from '@/lib/echarts'

/** What a chart or a cell needs of a category rule. */
type RuleLike = Pick<CategoryRule, 'key' | 'label_zh' | 'label_en'>

// --- labels and colours ------------------------------------------------------

/** A category's label in the UI language; the key when the rule is unknown. */
export function ruleLabel(
  rule: Pick<CategoryRule, 'label_zh' | 'label_en'> | null | undefined,
  locale: string,
  key = '',
): string {
  if (!rule) return key
  return (locale.startsWith('zh') ? rule.label_zh : rule.label_en) || rule.label_zh || rule.label_en || key
}

/** A category's positioning (what to do with its customers) in the UI language. */
export function rulePositioning(
  rule: Pick<CategoryRule, 'positioning_zh' | 'positioning_en'> | null | undefined,
  locale: string,
): string {
  if (!rule) return ''
  return (locale.startsWith('zh') ? rule.positioning_zh : rule.positioning_en) || rule.positioning_zh || rule.positioning_en || ''
}

/** Colours by rule position (the seed: stronghold, gold mine, marginal, watch); more rules wrap around. */
export const CATEGORY_COLOURS = ['#2e8b57', '#e6a23c', '#8c7ae6', '#909399', '#409eff', '#f56c6c', '#17a2b8', '#b8860b']
export const NOT_SCORED_COLOUR = '#c0c4cc'

export function categoryColour(rules: readonly RuleLike[], key: string | null | undefined): string {
  if (!key) return NOT_SCORED_COLOUR
  const i = rules.findIndex((r) => r.key === key)
  return i < 0 ? NOT_SCORED_COLOUR : CATEGORY_COLOURS[i % CATEGORY_COLOURS.length]!
}

// --- the category matrix -----------------------------------------------------

export interface MatrixCellLike {
  potential: Grade
  possibility: Grade
  basis: Grade
  category: string | null
  customers: number
}

export interface CategoryTotal<R extends RuleLike = RuleLike> {
  key: string
  rule: R | null
  customers: number
  /** Share of the graded customers, 0..1. */
  share: number
}

/**
 * Customers per category in rule order (every rule, zeros included), then categories the cells name that
 * the rules no longer have (rules changed since), largest first. Cells without a category are left out.
 */
export function categoryTotals<R extends RuleLike>(rules: readonly R[], cells: readonly MatrixCellLike[]): CategoryTotal<R>[] {
  const counts = new Map<string, number>()
  for (const c of cells) {
    if (!c.category) continue
    counts.set(c.category, (counts.get(c.category) ?? 0) + c.customers)
  }
  const graded = [...counts.values()].reduce((a, b) => a + b, 0)
  const share = (n: number) => (graded > 0 ? n / graded : 0)
  const known = new Set(rules.map((r) => r.key))
  const out: CategoryTotal<R>[] = rules.map((r) => ({
    key: r.key,
    rule: r,
    customers: counts.get(r.key) ?? 0,
    share: share(counts.get(r.key) ?? 0),
  }))
  const unknown = [...counts.entries()].filter(([k]) => !known.has(k)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  for (const [key, n] of unknown) out.push({ key, rule: null, customers: n, share: share(n) })
  return out
}

export interface BasisCount {
  basis: Grade
  customers: number
  /** The category these grades give (from the cell, or null when no customer has them). */
  category: string | null
}

export interface GridCell {
  potential: Grade
  possibility: Grade
  /** A, B, C: every basis grade, zero counts included. */
  byBasis: BasisCount[]
  total: number
}

/**
 * The matrix as a 3 x 3 grid: rows are the potential grade (A first), columns the possibility grade, each
 * cell split by the basis grade. Several cells for the same grades are added up. A combination no customer
 * has takes the category `rules` give it (when passed), so the whole grid shows the categories.
 */
export function matrixGrid(
  cells: readonly MatrixCellLike[],
  rules?: readonly Pick<CategoryRule, 'key' | 'potential' | 'possibility' | 'basis'>[],
): GridCell[][] {
  const at = new Map<string, { customers: number; category: string | null }>()
  for (const c of cells) {
    const k = `${c.potential}${c.possibility}${c.basis}`
    const prev = at.get(k)
    at.set(k, { customers: (prev?.customers ?? 0) + c.customers, category: prev?.category ?? c.category })
  }
  return GRADES.map((potential) =>
    GRADES.map((possibility) => {
      const byBasis = GRADES.map((basis) => {
        const hit = at.get(`${potential}${possibility}${basis}`)
        const category = hit?.category ?? (rules ? categoryOf(rules, { potential, possibility, basis }) : null)
        return { basis, customers: hit?.customers ?? 0, category }
      })
      return { potential, possibility, byBasis, total: byBasis.reduce((a, b) => a + b.customers, 0) }
    }),
  )
}

/** The category the rules give these grades (first match wins; an empty grade set matches any); null if none. */
export function categoryOf(
  rules: readonly Pick<CategoryRule, 'key' | 'potential' | 'possibility' | 'basis'>[],
  grades: { potential: Grade; possibility: Grade; basis: Grade },
): string | null {
  const hit = rules.find(
    (r) =>
      (r.potential.length === 0 || r.potential.includes(grades.potential)) &&
      (r.possibility.length === 0 || r.possibility.includes(grades.possibility)) &&
      (r.basis.length === 0 || r.basis.includes(grades.basis)),
  )
  return hit?.key ?? null
}

/** Graded customers in the matrix (every cell). */
export function gradedTotal(cells: readonly MatrixCellLike[]): number {
  return cells.reduce((a, c) => a + c.customers, 0)
}

// --- transitions ----------------------------------------------------------------

export interface TransitionCellLike {
  from_category: string | null
  to_category: string | null
  customers: number
  direction: number
}

export interface TransitionSummary {
  /** Moved to an earlier (better) category. */
  promoted: number
  /** Moved to a later category. */
  demoted: number
  /** Same category both quarters. */
  unchanged: number
  /** Scored only in the later quarter. */
  entered: number
  /** Scored only in the earlier quarter. */
  left: number
}

export interface TransitionHeatmap {
  /** Category keys in rule order, then null (not scored); the same on both axes. */
  keys: (string | null)[]
  labels: string[]
  /** [to index (x), from index (y), customers], only cells with customers. */
  data: [number, number, number][]
  max: number
  summary: TransitionSummary
}

/**
 * The transition heatmap's data: both axes list the categories in rule order plus "not scored" (null), x the
 * later quarter and y the earlier one. Categories the cells name that the rules no longer have are added
 * before "not scored".
 */
export function transitionHeatmap(
  rules: readonly RuleLike[],
  cells: readonly TransitionCellLike[],
  label: (rule: RuleLike | null, key: string | null) => string,
): TransitionHeatmap {
  const keys: (string | null)[] = rules.map((r) => r.key)
  for (const c of cells) {
    for (const k of [c.from_category, c.to_category]) if (k !== null && !keys.includes(k)) keys.push(k)
  }
  keys.push(null)
  const index = new Map(keys.map((k, i) => [k, i] as const))
  const totals = new Map<string, number>()
  const summary: TransitionSummary = { promoted: 0, demoted: 0, unchanged: 0, entered: 0, left: 0 }
  for (const c of cells) {
    if (c.customers <= 0) continue
    const x = index.get(c.to_category)!
    const y = index.get(c.from_category)!
    totals.set(`${x},${y}`, (totals.get(`${x},${y}`) ?? 0) + c.customers)
    if (c.from_category === null && c.to_category === null) continue
    if (c.from_category === null) summary.entered += c.customers
    else if (c.to_category === null) summary.left += c.customers
    else if (c.from_category === c.to_category) summary.unchanged += c.customers
    else if (c.direction > 0) summary.promoted += c.customers
    else if (c.direction < 0) summary.demoted += c.customers
    else summary.unchanged += c.customers
  }
  const data = [...totals.entries()].map(([k, v]) => {
    const [x, y] = k.split(',').map(Number)
    return [x!, y!, v] as [number, number, number]
  })
  data.sort((a, b) => a[1] - b[1] || a[0] - b[0])
  const byKey = new Map(rules.map((r) => [r.key, r] as const))
  return {
    keys,
    labels: keys.map((k) => label(k === null ? null : (byKey.get(k) ?? null), k)),
    data,
    max: data.reduce((m, d) => Math.max(m, d[2]), 0),
    summary,
  }
}

export interface TransitionChartLabels {
  from: string
  to: string
  customers: string
}

/**
 * The heatmap's ECharts option: the earlier quarter's category down the left (first rule at the top), the
 * later quarter's along the bottom, each cell coloured and labelled by its customers.
 */
export function transitionChartOption(h: TransitionHeatmap, labels: TransitionChartLabels): ChartOption {
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 8, bottom: 44, containLabel: true },
    tooltip: {
      position: 'top',
      formatter: (p: unknown) => {
        const v = (p as { value?: [number, number, number] }).value
        if (!v) return ''
        return `${labels.from}: <b>${h.labels[v[1]] ?? ''}</b><br/>${labels.to}: <b>${h.labels[v[0]] ?? ''}</b><br/>${labels.customers}: <b>${v[2]}</b>`
      },
    },
    // The card's heading names the quarters of the rows and the columns.
    xAxis: {
      type: 'category',
      data: h.labels,
      position: 'top',
      splitArea: { show: true },
      axisLine: { show: false },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'category',
      data: h.labels,
      inverse: true,
      splitArea: { show: true },
      axisLine: { show: false },
      axisTick: { show: false },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: Math.max(1, h.max),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      inRange: { color: ['#ecf5ff', '#409eff', '#1d4e89'] },
    },
    series: [
      {
        type: 'heatmap',
        name: labels.customers,
        data: h.data,
        label: { show: true },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        emphasis: { itemStyle: { shadowBlur: 6, shadowColor: 'rgba(0, 0, 0, 0.3)' } },
      },
    ],
  }
}

// --- the customer list's tier filters ---------------------------------------------

export const TIER_FILTER_KEYS = ['category', 'potential', 'possibility', 'basis', 'key_account_level', 'abc_class'] as const
export type TierFilterKey = (typeof TIER_FILTER_KEYS)[number]
export type TierFilters = Partial<Record<TierFilterKey, string>>

const FILTER_VALUE: Record<TierFilterKey, RegExp> = {
  category: /^[a-z][a-z0-9_]{0,49}$/,
  potential: /^[ABC]$/,
  possibility: /^[ABC]$/,
  basis: /^[ABC]$/,
  key_account_level: /^(special|A|B|C)$/,
  abc_class: /^[ABC]$/,
}

/** The tier filters in a route's query; values the API would reject are dropped. */
export function tierFiltersFromQuery(query: LocationQuery | LocationQueryRaw): TierFilters {
  const out: TierFilters = {}
  for (const key of TIER_FILTER_KEYS) {
    const raw = query[key]
    const v = Array.isArray(raw) ? raw[0] : raw
    if (typeof v === 'string' && FILTER_VALUE[key].test(v)) out[key] = v
  }
  return out
}

/** The route query of the customer list showing the customers of a matrix cell or category. */
export function customerListQuery(filters: TierFilters): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of TIER_FILTER_KEYS) {
    const v = filters[key]
    if (v) out[key] = v
  }
  return out
}
