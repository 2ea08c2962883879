/**
 * Scoring in the SPA: quarters ("2026Q3"), a score sheet's entries (override detection, the PATCH body,
 * the values sent to the server's what-if evaluation), labels in the UI language, and a customer's tier
 * history as a grade chart and a list of changes.
 * Pure functions: the rules themselves (points, grades, categories) stay on the server.
 */
import {
  DIMENSIONS,
  type Dimension,
  type Grade,
  type IndicatorSource,
  type ScoreSheetUpdate,
  type SheetIndicator,
  type SheetStatus,
  type TierHistoryEntry,
  type TierSource,
} from '@/api/types'
import type { ChartOption } from '@/lib/echarts'
import { formatDecimal, formatMoney, toNumber, type TagType } from '@/lib/format'

// --- quarters --------------------------------------------------------------

export interface Quarter {
  year: number
  /** 1..4 */
  number: number
}

const PERIOD = /^(\d{4})Q([1-4])$/

/** `2026Q3` as a quarter; null when it is not one. */
export function parseQuarter(text: string | null | undefined): Quarter | null {
  const m = PERIOD.exec(text ?? '')
  return m ? { year: Number(m[1]), number: Number(m[2]) } : null
}

export function formatQuarter(q: Quarter): string {
  return `${String(q.year).padStart(4, '0')}Q${q.number}`
}

function index(q: Quarter): number {
  return q.year * 4 + (q.number - 1)
}

function ofIndex(i: number): Quarter {
  return { year: Math.floor(i / 4), number: (i % 4) + 1 }
}

/** The quarter of a calendar date (`2026-11-23` -> `2026Q4`); null when it is not a date. */
export function quarterOfDate(isoDate: string | null | undefined): string | null {
  const m = /^(\d{4})-(\d{2})/.exec(isoDate ?? '')
  if (!m) return null
  const month = Number(m[2])
  if (month < 1 || month > 12) return null
  return formatQuarter({ year: Number(m[1]), number: Math.floor((month - 1) / 3) + 1 })
}

/** `period` moved by `delta` quarters (`2026Q1`, -1 -> `2025Q4`). */
export function shiftQuarter(period: string, delta: number): string {
  const q = parseQuarter(period)
  if (!q) throw new Error(`not a quarter: ${period}`)
  return formatQuarter(ofIndex(index(q) + delta))
}

/** Negative when `a` is before `b`, 0 when equal, positive after (invalid quarters sort first). */
export function compareQuarters(a: string, b: string): number {
  const qa = parseQuarter(a)
  const qb = parseQuarter(b)
  return (qa ? index(qa) : -Infinity) - (qb ? index(qb) : -Infinity) || 0
}

/** The last quarter that has ended by `today` (the company's calendar date): the default to score. */
export function lastCompleteQuarter(today: string): string {
  const current = quarterOfDate(today)
  if (!current) throw new Error(`not a date: ${today}`)
  return shiftQuarter(current, -1)
}

/**
 * The quarters a person may pick to score: the current one (in progress; the server refuses later ones)
 * and the `count - 1` before it, newest first.
 */
export function recentQuarters(today: string, count = 8): string[] {
  const current = quarterOfDate(today)
  if (!current) return []
  return Array.from({ length: count }, (_, i) => shiftQuarter(current, -i))
}

// --- a sheet's entries -----------------------------------------------------

/** Points as entered or sent by the API (decimal strings); null for none. */
export function toPoints(value: string | number | null | undefined): number | null {
  return toNumber(value)
}

/** Equal points (`"24"` and `24.0` are the same); null equals only null. */
export function samePoints(a: string | number | null | undefined, b: string | number | null | undefined): boolean {
  const x = toPoints(a)
  const y = toPoints(b)
  if (x === null || y === null) return x === y
  return Math.abs(x - y) < 1e-9
}

/**
 * The person entered other points than the data gives for a computed indicator (the server then
 * requires a note saying why). A cleared value is not an override.
 */
export function isOverride(value: number | string | null | undefined, computed: { points: string } | null | undefined): boolean {
  if (!computed) return false
  if (toPoints(value) === null) return false
  return !samePoints(value, computed.points)
}

/** An override without a (non-blank) note: the server would refuse to save it. */
export function needsNote(
  value: number | string | null | undefined,
  computed: { points: string } | null | undefined,
  note: string | null | undefined,
): boolean {
  return isOverride(value, computed) && !(note ?? '').trim()
}

/** Points within 0..weight. */
export function inRange(value: number | null | undefined, weight: string | number): boolean {
  if (value === null || value === undefined || !Number.isFinite(value)) return false
  const max = toPoints(weight)
  return value >= 0 && (max === null || value <= max + 1e-9)
}

/** The indicators of a sheet grouped by dimension, in the order potential, possibility, basis. */
export function groupIndicators<T extends Pick<SheetIndicator, 'dimension'>>(
  indicators: readonly T[],
): { dimension: Dimension; indicators: T[] }[] {
  return DIMENSIONS.map((dimension) => ({ dimension, indicators: indicators.filter((i) => i.dimension === dimension) })).filter(
    (g) => g.indicators.length > 0,
  )
}

/** What the form edits: points and notes per indicator key. */
export interface SheetEntries {
  values: Record<string, number | null>
  notes: Record<string, string>
}

/** The form's starting entries: the sheet's saved points and notes. */
export function entriesOf(indicators: readonly SheetIndicator[]): SheetEntries {
  const values: Record<string, number | null> = {}
  const notes: Record<string, string> = {}
  for (const i of indicators) {
    values[i.key] = toPoints(i.value)
    notes[i.key] = i.note ?? ''
  }
  return { values, notes }
}

/**
 * The PATCH body: the points and notes that differ from the saved sheet (a cleared value or note is sent
 * as null); `values`/`notes` are left out when nothing in them changed.
 */
export function sheetPatch(indicators: readonly SheetIndicator[], entries: SheetEntries): ScoreSheetUpdate {
  const values: Record<string, number | null> = {}
  const notes: Record<string, string | null> = {}
  for (const i of indicators) {
    if (i.key in entries.values) {
      const v = entries.values[i.key] ?? null
      if (!samePoints(v, i.value)) values[i.key] = v
    }
    if (i.key in entries.notes) {
      const n = (entries.notes[i.key] ?? '').trim()
      const before = (i.note ?? '').trim()
      if (n !== before) notes[i.key] = n === '' ? null : n
    }
  }
  const body: ScoreSheetUpdate = {}
  if (Object.keys(values).length) body.values = values
  if (Object.keys(notes).length) body.notes = notes
  return body
}

/** Nothing to save. */
export function isEmptyPatch(body: ScoreSheetUpdate): boolean {
  return !body.values && !body.notes
}

/**
 * The points to evaluate (what-if): every entered value within 0..weight, by key, in indicator order
 * (so equal entries give an equal query key). Missing ones count 0 on the server.
 */
export function evaluationValues(
  indicators: readonly Pick<SheetIndicator, 'key' | 'weight'>[],
  values: Record<string, number | null | undefined>,
): Record<string, number> {
  const out: Record<string, number> = {}
  for (const i of indicators) {
    const v = values[i.key]
    if (v !== null && v !== undefined && inRange(v, i.weight)) out[i.key] = v
  }
  return out
}

/** Keys of the indicators that have no points yet (the server refuses to submit then). */
export function unscored(
  indicators: readonly Pick<SheetIndicator, 'key'>[],
  values: Record<string, number | null | undefined>,
): string[] {
  return indicators.filter((i) => values[i.key] === null || values[i.key] === undefined).map((i) => i.key)
}

// --- labels ----------------------------------------------------------------

const isEnglish = (locale: string) => locale.toLowerCase().startsWith('en')

/** An indicator's label in the UI language. */
export function indicatorLabel(i: Pick<SheetIndicator, 'label_zh' | 'label_en'>, locale: string): string {
  return (isEnglish(locale) ? i.label_en : i.label_zh) || i.label_zh || i.label_en
}

/**
 * The figure a computed indicator was scored from: the company currency in the quarter for the transaction
 * amount, a percent of the declared purchasing for the order share, a 1-5 survey score for satisfaction.
 */
export function formatMeasured(
  source: IndicatorSource,
  measured: string | number | null | undefined,
  locale: string,
  currency: string,
): string {
  if (toNumber(measured) === null) return '—'
  switch (source) {
    case 'transaction_amount':
      return formatMoney(measured, currency, locale)
    case 'order_share':
      return `${formatDecimal(measured, locale, 1)}%`
    case 'satisfaction':
      return `${formatDecimal(measured, locale, 2)} / 5`
    default:
      return formatDecimal(measured, locale)
  }
}

/** The colour of a sheet's status tag. */
export const SHEET_STATUS_TAG: Record<SheetStatus, TagType> = {
  draft: 'info',
  submitted: 'warning',
  returned: 'danger',
  approved: 'success',
}

/** The colour of a grade tag. */
export const GRADE_TAG: Record<Grade, TagType> = { A: 'success', B: 'warning', C: 'info' }

// --- tier history ----------------------------------------------------------

export interface QuarterGrades {
  /** Quarters oldest first. */
  periods: string[]
  grades: Record<Dimension, (Grade | null)[]>
  /** The category each quarter ended with (after any later rule change). */
  categories: (string | null)[]
}

/** Oldest first. The API sends newest first (ties by newest row first): reversed, a stable sort keeps ties in order. */
const oldestFirst = (history: readonly TierHistoryEntry[]) =>
  [...history].reverse().sort((a, b) => Date.parse(a.at) - Date.parse(b.at))

/**
 * Grades per quarter from the tier history: for each quarter with an approved sheet, the grades and the
 * category of its latest entry (a re-approval or a category-rule change replaces earlier ones).
 */
export function quarterGrades(history: readonly TierHistoryEntry[]): QuarterGrades {
  const latest = new Map<string, TierHistoryEntry>()
  for (const e of oldestFirst(history)) {
    if (!e.period || (!e.grades && !e.category)) continue
    if (e.source === 'recompute') continue
    latest.set(e.period, e)
  }
  const periods = [...latest.keys()].sort(compareQuarters)
  const grades = { potential: [], possibility: [], basis: [] } as Record<Dimension, (Grade | null)[]>
  const categories: (string | null)[] = []
  for (const p of periods) {
    const e = latest.get(p)!
    for (const d of DIMENSIONS) grades[d].push(e.grades?.[d] ?? null)
    categories.push(e.category ?? null)
  }
  return { periods, grades, categories }
}

export type TierField = 'grades' | 'category' | 'key_account_level' | 'abc_class'

export interface TierChange {
  field: TierField
  before: string | null
  after: string | null
}

export interface TierEvent {
  at: string
  source: TierSource
  period: string | null
  changes: TierChange[]
  revenue12m: string | null
}

const gradesText = (g: TierHistoryEntry['grades']) => (g ? `${g.potential}${g.possibility}${g.basis}` : null)

/**
 * What changed at each tier-history entry, newest first: approved sheets and rule changes move grades
 * and category; recomputes move the key-account level and ABC class. Entries that changed nothing the
 * person sees are left out. Grades are written as potential-possibility-basis letters (`ABA`).
 */
export function tierEvents(history: readonly TierHistoryEntry[]): TierEvent[] {
  let grades: string | null = null
  let category: string | null = null
  let level: string | null = null
  let abc: string | null = null
  const events: TierEvent[] = []
  for (const e of oldestFirst(history)) {
    const changes: TierChange[] = []
    if (e.source === 'recompute') {
      if ((e.key_account_level ?? null) !== level)
        changes.push({ field: 'key_account_level', before: level, after: e.key_account_level ?? null })
      if ((e.abc_class ?? null) !== abc) changes.push({ field: 'abc_class', before: abc, after: e.abc_class ?? null })
      level = e.key_account_level ?? null
      abc = e.abc_class ?? null
    } else {
      const g = gradesText(e.grades)
      if (g !== grades) changes.push({ field: 'grades', before: grades, after: g })
      if ((e.category ?? null) !== category) changes.push({ field: 'category', before: category, after: e.category ?? null })
      grades = g
      category = e.category ?? null
    }
    if (changes.length)
      events.push({ at: e.at, source: e.source, period: e.period ?? null, changes, revenue12m: e.revenue_12m ?? null })
  }
  return events.reverse()
}

export interface GradeChartLabels {
  dimensions: Record<Dimension, string>
  /** A category key as a person reads it. */
  category: (key: string | null) => string
  categoryTitle: string
}

const GRADE_AXIS: Grade[] = ['C', 'B', 'A']
const DIMENSION_COLOURS: Record<Dimension, string> = { potential: '#409eff', possibility: '#e6a23c', basis: '#67c23a' }

/**
 * The grade chart: one step line per dimension over the quarters (C bottom, A top), the category of
 * each quarter under its label on the axis and in the tooltip.
 */
export function gradeChartOption(series: QuarterGrades, labels: GradeChartLabels): ChartOption {
  const axisLabels = series.periods.map((p, i) => `${p}\n${labels.category(series.categories[i] ?? null)}`)
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: DIMENSIONS.map((d) => labels.dimensions[d]) },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const items = (Array.isArray(params) ? params : [params]) as {
          dataIndex?: number
          seriesName?: string
          value?: unknown
          marker?: string
        }[]
        const i = items[0]?.dataIndex ?? 0
        const head = `${series.periods[i] ?? ''} · ${labels.categoryTitle}: <b>${labels.category(series.categories[i] ?? null)}</b>`
        const rows = items.map((p) => `${p.marker ?? ''}${p.seriesName ?? ''}: <b>${p.value ?? '—'}</b>`)
        return [head, ...rows].join('<br/>')
      },
    },
    xAxis: { type: 'category', data: axisLabels, boundaryGap: true, axisTick: { alignWithLabel: true } },
    yAxis: { type: 'category', data: GRADE_AXIS, boundaryGap: true, splitLine: { show: true, lineStyle: { type: 'dashed' } } },
    series: DIMENSIONS.map((d, k) => ({
      name: labels.dimensions[d],
      type: 'line' as const,
      step: 'middle' as const,
      data: series.grades[d],
      // Different symbol sizes keep equal grades of the three dimensions visible on one point.
      symbolSize: 7 + (2 - k) * 2,
      connectNulls: false,
      itemStyle: { color: DIMENSION_COLOURS[d] },
      lineStyle: { width: 2, opacity: 0.85 },
    })),
  }
}
