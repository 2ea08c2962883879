import { describe, expect, it } from 'vitest'
import type { SheetIndicator, TierHistoryEntry } from '@/api/types'
import {
  compareQuarters,
  entriesOf,
  evaluationValues,
  formatMeasured,
  gradeChartOption,
  groupIndicators,
  inRange,
  indicatorLabel,
  isEmptyPatch,
  isOverride,
  lastCompleteQuarter,
  needsNote,
  parseQuarter,
  quarterGrades,
  quarterOfDate,
  recentQuarters,
  samePoints,
  sheetPatch,
  shiftQuarter,
  tierEvents,
  unscored,
} from './scoring'

const ind = (key: string, over: Partial<SheetIndicator> = {}): SheetIndicator => ({
  key,
  dimension: 'potential',
  weight: '20',
  label_zh: `${key}-zh`,
  label_en: `${key}-en`,
  source: 'manual',
  value: null,
  computed: null,
  overridden: false,
  note: null,
  ...over,
})

describe('quarters', () => {
  it('parses and rejects periods', () => {
    expect(parseQuarter('2026Q3')).toEqual({ year: 2026, number: 3 })
    expect(parseQuarter('2026Q5')).toBeNull()
    expect(parseQuarter('2026-Q1')).toBeNull()
    expect(parseQuarter(null)).toBeNull()
  })

  it('finds the quarter of a date', () => {
    expect(quarterOfDate('2026-01-01')).toBe('2026Q1')
    expect(quarterOfDate('2026-03-31')).toBe('2026Q1')
    expect(quarterOfDate('2026-04-01')).toBe('2026Q2')
    expect(quarterOfDate('2026-11-23')).toBe('2026Q4')
    expect(quarterOfDate('2026-13-01')).toBeNull()
    expect(quarterOfDate('')).toBeNull()
  })

  it('shifts across years', () => {
    expect(shiftQuarter('2026Q1', -1)).toBe('2025Q4')
    expect(shiftQuarter('2025Q4', 1)).toBe('2026Q1')
    expect(shiftQuarter('2026Q3', -8)).toBe('2024Q3')
    expect(() => shiftQuarter('nope', 1)).toThrow()
  })

  it('defaults to the last complete quarter', () => {
    expect(lastCompleteQuarter('2026-11-23')).toBe('2026Q3')
    expect(lastCompleteQuarter('2026-01-01')).toBe('2025Q4')
    expect(lastCompleteQuarter('2026-03-31')).toBe('2025Q4')
  })

  it('offers the current quarter and the ones before, newest first', () => {
    expect(recentQuarters('2026-02-10', 4)).toEqual(['2026Q1', '2025Q4', '2025Q3', '2025Q2'])
    expect(recentQuarters('garbage')).toEqual([])
  })

  it('orders quarters', () => {
    expect(['2026Q1', '2025Q4', '2026Q3'].sort(compareQuarters)).toEqual(['2025Q4', '2026Q1', '2026Q3'])
    expect(compareQuarters('2026Q2', '2026Q2')).toBe(0)
  })
})

describe('entries and overrides', () => {
  const computed = { measured: '123456.7', points: '24' }

  it('compares points as numbers', () => {
    expect(samePoints('24', 24)).toBe(true)
    expect(samePoints('24.0', '24')).toBe(true)
    expect(samePoints(null, null)).toBe(true)
    expect(samePoints(null, 0)).toBe(false)
    expect(samePoints('17.5', 18)).toBe(false)
  })

  it('marks an override only where a computed value is changed', () => {
    expect(isOverride(24, computed)).toBe(false)
    expect(isOverride('24.00', computed)).toBe(false)
    expect(isOverride(30, computed)).toBe(true)
    expect(isOverride(0, computed)).toBe(true)
    expect(isOverride(null, computed)).toBe(false)
    expect(isOverride(30, null)).toBe(false)
  })

  it('needs a note for an override', () => {
    expect(needsNote(30, computed, '')).toBe(true)
    expect(needsNote(30, computed, '   ')).toBe(true)
    expect(needsNote(30, computed, 'big project next quarter')).toBe(false)
    expect(needsNote(24, computed, '')).toBe(false)
  })

  it('bounds points to 0..weight', () => {
    expect(inRange(0, '20')).toBe(true)
    expect(inRange(20, '20')).toBe(true)
    expect(inRange(20.5, '20')).toBe(false)
    expect(inRange(-1, '20')).toBe(false)
    expect(inRange(null, '20')).toBe(false)
    expect(inRange(Number.NaN, '20')).toBe(false)
  })

  it('groups indicators by dimension in the fixed order', () => {
    const groups = groupIndicators([
      ind('a', { dimension: 'basis' }),
      ind('b', { dimension: 'potential' }),
      ind('c', { dimension: 'basis' }),
    ])
    expect(groups.map((g) => g.dimension)).toEqual(['potential', 'basis'])
    expect(groups[1]!.indicators.map((i) => i.key)).toEqual(['a', 'c'])
  })

  it('sends only what changed, clearing with null', () => {
    const indicators = [
      ind('a', { value: '10' }),
      ind('b'),
      ind('c', { value: '24', computed, note: 'old note' }),
      ind('d', { value: '5' }),
    ]
    const entries = entriesOf(indicators)
    expect(entries.values).toEqual({ a: 10, b: null, c: 24, d: 5 })
    expect(isEmptyPatch(sheetPatch(indicators, entries))).toBe(true)

    entries.values.a = 10.0
    entries.values.b = 7
    entries.values.d = null
    entries.notes.c = '  '
    entries.notes.b = ' why '
    expect(sheetPatch(indicators, entries)).toEqual({ values: { b: 7, d: null }, notes: { b: 'why', c: null } })
  })

  it('evaluates entered points within bounds, in indicator order', () => {
    const indicators = [ind('a'), ind('b', { weight: '40' }), ind('c')]
    expect(evaluationValues(indicators, { c: 3, a: 20, b: null })).toEqual({ a: 20, c: 3 })
    expect(Object.keys(evaluationValues(indicators, { c: 3, a: 20 }))).toEqual(['a', 'c'])
    expect(evaluationValues(indicators, { a: 25, b: 40 })).toEqual({ b: 40 })
  })

  it('lists the unscored indicators', () => {
    expect(unscored([ind('a'), ind('b'), ind('c')], { a: 0, b: null })).toEqual(['b', 'c'])
  })
})

describe('labels and figures', () => {
  it('picks the label of the UI language', () => {
    expect(indicatorLabel(ind('a'), 'en')).toBe('a-en')
    expect(indicatorLabel(ind('a'), 'zh-CN')).toBe('a-zh')
    expect(indicatorLabel(ind('a', { label_en: '' }), 'en')).toBe('a-zh')
  })

  it('formats the measured figure by source', () => {
    expect(formatMeasured('transaction_amount', '123456.7', 'en', 'CNY')).toBe('CN¥123,456.70')
    // The amount is in the company's currency, whichever it is.
    expect(formatMeasured('transaction_amount', '123456.7', 'en', 'USD')).toBe('$123,456.70')
    expect(formatMeasured('order_share', '42.5', 'en', 'CNY')).toBe('42.5%')
    expect(formatMeasured('satisfaction', '4.25', 'en', 'CNY')).toBe('4.25 / 5')
    expect(formatMeasured('order_share', null, 'en', 'CNY')).toBe('—')
  })
})

describe('tier history', () => {
  const h = (over: Partial<TierHistoryEntry>): TierHistoryEntry => ({
    at: '2026-01-01T00:00:00Z',
    source: 'score_sheet',
    period: null,
    grades: null,
    category: null,
    key_account_level: null,
    abc_class: null,
    revenue_12m: null,
    score_sheet_id: null,
    ...over,
  })
  // Newest first, as the API sends it.
  const history: TierHistoryEntry[] = [
    h({
      at: '2026-10-20T02:00:00Z',
      source: 'category_rules',
      period: '2026Q3',
      grades: { potential: 'A', possibility: 'A', basis: 'B' },
      category: 'stronghold',
    }),
    h({
      at: '2026-10-10T02:00:00Z',
      period: '2026Q3',
      grades: { potential: 'A', possibility: 'A', basis: 'B' },
      category: 'gold_mine',
      score_sheet_id: 3,
    }),
    h({ at: '2026-10-02T00:00:00Z', source: 'recompute', key_account_level: 'A', abc_class: 'A', revenue_12m: '800000' }),
    h({ at: '2026-09-01T00:00:00Z', source: 'recompute', key_account_level: 'B', abc_class: 'A', revenue_12m: '400000' }),
    h({
      at: '2026-07-05T00:00:00Z',
      period: '2026Q2',
      grades: { potential: 'B', possibility: 'A', basis: 'B' },
      category: 'marginal',
      score_sheet_id: 2,
    }),
    h({
      at: '2026-07-03T00:00:00Z',
      period: '2025Q4',
      grades: { potential: 'C', possibility: 'C', basis: 'C' },
      category: 'watch',
      score_sheet_id: 1,
    }),
  ]

  it('gives the grades and final category per quarter, oldest first', () => {
    const s = quarterGrades(history)
    expect(s.periods).toEqual(['2025Q4', '2026Q2', '2026Q3'])
    expect(s.grades.potential).toEqual(['C', 'B', 'A'])
    expect(s.grades.basis).toEqual(['C', 'B', 'B'])
    expect(s.categories).toEqual(['watch', 'marginal', 'stronghold'])
  })

  it('lists what changed, newest first', () => {
    const events = tierEvents(history)
    expect(events.map((e) => e.source)).toEqual([
      'category_rules',
      'score_sheet',
      'recompute',
      'recompute',
      'score_sheet',
      'score_sheet',
    ])
    expect(events[0]!.changes).toEqual([{ field: 'category', before: 'gold_mine', after: 'stronghold' }])
    expect(events[1]!.changes).toEqual([
      { field: 'grades', before: 'BAB', after: 'AAB' },
      { field: 'category', before: 'marginal', after: 'gold_mine' },
    ])
    expect(events[1]!.period).toBe('2026Q3')
    expect(events[2]!.changes).toEqual([{ field: 'key_account_level', before: 'B', after: 'A' }])
    expect(events[2]!.revenue12m).toBe('800000')
    expect(events[3]!.changes).toEqual([
      { field: 'key_account_level', before: null, after: 'B' },
      { field: 'abc_class', before: null, after: 'A' },
    ])
    expect(events[5]!.changes).toEqual([
      { field: 'grades', before: null, after: 'CCC' },
      { field: 'category', before: null, after: 'watch' },
    ])
  })

  it('keeps entries of the same instant in the order the API sent them (newest first)', () => {
    const at = '2026-11-23T14:06:00Z'
    const same = [
      h({ at, period: '2026Q3', grades: { potential: 'A', possibility: 'A', basis: 'C' }, category: 'gold_mine' }),
      h({ at, period: '2026Q2', grades: { potential: 'B', possibility: 'A', basis: 'C' }, category: 'gold_mine' }),
    ]
    const events = tierEvents(same)
    expect(events.map((e) => e.period)).toEqual(['2026Q3', '2026Q2'])
    expect(events[0]!.changes).toEqual([{ field: 'grades', before: 'BAC', after: 'AAC' }])
  })

  it('leaves out entries that changed nothing', () => {
    const same = [
      h({ at: '2026-02-01T00:00:00Z', source: 'recompute', key_account_level: 'C', abc_class: 'B' }),
      h({ at: '2026-01-01T00:00:00Z', source: 'recompute', key_account_level: 'C', abc_class: 'B' }),
    ]
    expect(tierEvents(same)).toHaveLength(1)
    expect(tierEvents([])).toEqual([])
  })

  it('draws one line per dimension with the category under each quarter', () => {
    const option = gradeChartOption(quarterGrades(history), {
      dimensions: { potential: 'P', possibility: 'Q', basis: 'B' },
      category: (k) => `<${k}>`,
      categoryTitle: 'Category',
    }) as { xAxis: { data: string[] }; series: { name: string; data: unknown[] }[] }
    expect(option.xAxis.data).toEqual(['2025Q4\n<watch>', '2026Q2\n<marginal>', '2026Q3\n<stronghold>'])
    expect(option.series.map((s) => s.name)).toEqual(['P', 'Q', 'B'])
    expect(option.series[0]!.data).toEqual(['C', 'B', 'A'])
  })
})
