import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/locales/zh-CN'
import en from '@/i18n/locales/en'
import {
  OTHER_SEGMENTS,
  TREND_SEGMENTS,
  segmentHistoryChartOption,
  segmentTrend,
  countsInOrder,
  decileChartOption,
  formatPoints,
  healthBand,
  healthBucketLabels,
  healthBucketRange,
  healthChartOption,
  healthGaugeOption,
  loyaltyFiltersFromQuery,
  loyaltyListParams,
  pointsTag,
  rfmChartOption,
  rfmGrid,
  segmentCounts,
  segmentHistory,
  segmentLabel,
  segmentOfScores,
  signalText,
  stageCounts,
  topReasons,
  valueClassCounts,
  type SignalFormat,
  type SignalLike,
} from './loyalty'
import type { SegmentRule } from '@/api/types'

const rule = (key: string, zh: string, en: string, recency: number[], frequency: number[]): SegmentRule => ({
  key,
  label_zh: zh,
  label_en: en,
  recency,
  frequency,
})

// A few of the seed's segment rules (domain/loyalty.py default_segment_rules), in order.
const RULES = [
  rule('champions', '重要价值客户', 'Champions', [5], [4, 5]),
  rule('loyal', '忠诚客户', 'Loyal', [3, 4], [4, 5]),
  rule('new', '新客户', 'New', [5], [1]),
  rule('lost', '流失客户', 'Lost', [1], [1, 2]),
]

const fmt = {
  money: (n: number) => `¥${n.toFixed(2)}`,
  compact: (n: number) => String(n),
  integer: (n: number) => String(Math.round(n)),
}

describe('labels', () => {
  it('names a segment in the UI language, the key when the rules do not know it', () => {
    expect(segmentLabel(RULES, 'champions', 'zh-CN')).toBe('重要价值客户')
    expect(segmentLabel(RULES, 'champions', 'en')).toBe('Champions')
    expect(segmentLabel(RULES, 'gone', 'en')).toBe('gone')
  })

  it('finds the first rule matching a recency and frequency score', () => {
    expect(segmentOfScores(RULES, 5, 5)).toBe('champions')
    expect(segmentOfScores(RULES, 4, 4)).toBe('loyal')
    expect(segmentOfScores(RULES, 1, 2)).toBe('lost')
    expect(segmentOfScores(RULES, 2, 3)).toBeNull()
  })
})

describe('counts in order', () => {
  const c = (key: string | null, customers: number, revenue = '0') => ({ key, customers, revenue_12m: revenue })

  it('keeps the given order with zeros, adds unknown keys by size and the null key last', () => {
    const out = countsInOrder(['a', 'b', 'c'], [c(null, 4), c('c', 2, '10.5'), c('x', 1), c('y', 3), c('a', 5, '1')])
    expect(out.map((o) => [o.key, o.customers])).toEqual([
      ['a', 5],
      ['b', 0],
      ['c', 2],
      ['y', 3],
      ['x', 1],
      [null, 4],
    ])
    expect(out[2]!.revenue12m).toBe(10.5)
  })

  it('leaves the null key out when nobody is in it', () => {
    expect(countsInOrder(['a'], [c(null, 0)]).map((o) => o.key)).toEqual(['a'])
  })

  it('orders stages, value classes and segments', () => {
    expect(stageCounts([c('decline', 3), c('exploration', 1)]).map((o) => o.key)).toEqual([
      'exploration',
      'formation',
      'stability',
      'decline',
    ])
    expect(valueClassCounts([c('value', 2), c(null, 7)]).map((o) => o.key)).toEqual([
      'value',
      'potential',
      'migrating',
      'freezing_point',
      null,
    ])
    expect(segmentCounts(RULES, [c('lost', 2), c(null, 1)]).map((o) => o.key)).toEqual([
      'champions',
      'loyal',
      'new',
      'lost',
      null,
    ])
  })
})

describe('the RFM grid', () => {
  const cells = [
    { recency: 5, frequency: 5, customers: 10, revenue_12m: '1000.00' },
    { recency: 1, frequency: 1, customers: 7, revenue_12m: '70.50' },
    { recency: 1, frequency: 1, customers: 3, revenue_12m: '29.50' },
    { recency: 3, frequency: 2, customers: 4, revenue_12m: '40' },
  ]

  it('is 5 x 5 with recency 5 on top and frequency 1 on the left, adding up duplicates', () => {
    const g = rfmGrid(cells)
    expect(g).toHaveLength(5)
    expect(g.every((row) => row.length === 5)).toBe(true)
    expect(g[0]!.map((x) => x.recency)).toEqual([5, 5, 5, 5, 5])
    expect(g[0]!.map((x) => x.frequency)).toEqual([1, 2, 3, 4, 5])
    expect(g[0]![4]).toEqual({ recency: 5, frequency: 5, customers: 10, revenue12m: 1000 })
    expect(g[4]![0]).toEqual({ recency: 1, frequency: 1, customers: 10, revenue12m: 100 })
    expect(g[2]![1]!.customers).toBe(4)
    expect(g[1]![1]!.customers).toBe(0)
  })

  it('draws every cell with its customers and names segment and revenue in the tooltip', () => {
    const option = rfmChartOption(
      rfmGrid(cells),
      {
        recency: 'R',
        frequency: 'F',
        customers: 'Customers',
        revenue: 'Revenue',
        segment: (r, f) => segmentLabel(RULES, segmentOfScores(RULES, r, f) ?? '', 'en'),
      },
      fmt,
    )
    const series = (option.series as { data: [number, number, number][] }[])[0]!
    expect(series.data).toHaveLength(25)
    // R5 F5: x = 4 (frequency 5), y = 0 (top row).
    expect(series.data).toContainEqual([4, 0, 10])
    expect(series.data).toContainEqual([0, 4, 10])
    expect((option.yAxis as { data: string[] }).data).toEqual(['R5', 'R4', 'R3', 'R2', 'R1'])
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter({ value: [4, 0, 10] })
    expect(tooltip).toContain('R5 · F5')
    expect(tooltip).toContain('Champions')
    expect(tooltip).toContain('¥1000.00')
  })
})

describe('health', () => {
  it('labels the ten buckets and turns one into a list filter', () => {
    expect(healthBucketLabels()).toEqual([
      '0–10',
      '10–20',
      '20–30',
      '30–40',
      '40–50',
      '50–60',
      '60–70',
      '70–80',
      '80–90',
      '90–100',
    ])
    expect(healthBucketRange(0)).toEqual({ health_min: '0', health_max: '9.9' })
    expect(healthBucketRange(4)).toEqual({ health_min: '40', health_max: '49.9' })
    expect(healthBucketRange(9)).toEqual({ health_min: '90', health_max: '100' })
    expect(healthBucketRange(12)).toEqual({ health_min: '90', health_max: '100' })
  })

  it('bands a score: poor below 40, fair below 60, good above', () => {
    expect(healthBand('39.9')).toBe('danger')
    expect(healthBand(40)).toBe('warning')
    expect(healthBand('60.0')).toBe('success')
    expect(healthBand(null)).toBeNull()
  })

  it('charts the buckets with band colours', () => {
    const option = healthChartOption([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { customers: 'Customers', health: 'Health' }, fmt)
    const data = (option.series as { data: { value: number; itemStyle: { color: string } }[] }[])[0]!.data
    expect(data.map((d) => d.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(data[0]!.itemStyle.color).toBe('#f56c6c')
    expect(data[5]!.itemStyle.color).toBe('#e6a23c')
    expect(data[9]!.itemStyle.color).toBe('#67c23a')
  })

  it('puts the score on a 0-100 gauge', () => {
    const series = (healthGaugeOption('72.5', 'Health').series as { min: number; max: number; data: { value: number }[] }[])[0]!
    expect(series.min).toBe(0)
    expect(series.max).toBe(100)
    expect(series.data[0]!.value).toBe(72.5)
  })
})

describe('signals', () => {
  const signalFmt: SignalFormat = {
    money: (n) => `¥${n.toFixed(2)}`,
    percent: (n) => `${Math.round(n * 1000) / 10}%`,
    integer: (n) => String(Math.round(n)),
    signedPercent: (n) => `${n > 0 ? '+' : ''}${Math.round(n * 100)}%`,
  }
  const s = (
    signal: SignalLike['signal'],
    value: number | null,
    baseline: number | null,
    points: number | null = -5,
  ): SignalLike => ({
    signal,
    score: points === null ? null : points / 25,
    points,
    value,
    baseline,
  })

  it('builds a key and formatted parameters for each signal', () => {
    expect(signalText(s('recency', 158, 14.2), signalFmt)).toEqual({
      key: 'loyalty.signals.recency.text',
      params: { days: '158', interval: '14' },
    })
    expect(signalText(s('recency', 40, null), signalFmt)).toEqual({
      key: 'loyalty.signals.recency.noBaseline',
      params: { days: '40', interval: '30' },
    })
    expect(signalText(s('revenue_trend', 5000, 10000), signalFmt)).toEqual({
      key: 'loyalty.signals.revenue_trend.text',
      params: { value: '¥5000.00', baseline: '¥10000.00', change: '-50%' },
    })
    expect(signalText(s('revenue_trend', 0, 0, null), signalFmt).key).toBe('loyalty.signals.revenue_trend.noBaseline')
    expect(signalText(s('share_of_wallet_trend', 0.35, 0.5), signalFmt).params).toEqual({ value: '35%', baseline: '50%' })
    expect(signalText(s('share_of_wallet_trend', null, null, null), signalFmt).key).toBe(
      'loyalty.signals.share_of_wallet_trend.unknown',
    )
    expect(signalText(s('discount_trend', null, 0.0225, null), signalFmt).key).toBe('loyalty.signals.discount_trend.unknown')
    expect(signalText(s('cancellations_returns_trend', 0.1, null), signalFmt)).toEqual({
      key: 'loyalty.signals.cancellations_returns_trend.noBaseline',
      params: { value: '10%' },
    })
    expect(signalText(s('complaints_trend', null, null, null), signalFmt).key).toBe('loyalty.signals.complaints_trend.unknown')
    expect(signalText(s('contact_changes', 1, 2), signalFmt)).toEqual({
      key: 'loyalty.signals.contact_changes.text',
      params: { value: '1', baseline: '2' },
    })
  })

  it('reads as a sentence in both languages, every key translated', () => {
    const i18n = createI18n({ legacy: false, locale: 'en', messages: { 'zh-CN': zhCN, en } })
    const t = i18n.global.t
    const say = (x: SignalLike) => {
      const st = signalText(x, signalFmt)
      return t(st.key, st.params)
    }
    expect(say(s('recency', 158, 14))).toBe('Last order 158 days ago; usually every 14 days')
    expect(say(s('complaints_trend', null, null, null))).toBe('no data yet')
    i18n.global.locale.value = 'zh-CN'
    expect(say(s('recency', 158, 14))).toBe('距上次下单 158 天；通常每 14 天下单一次')
    expect(say(s('complaints_trend', null, null, null))).toBe('暂无数据')

    // Every variant of every signal exists in both locales.
    const readings: SignalLike[] = [
      ...(
        [
          'recency',
          'revenue_trend',
          'share_of_wallet_trend',
          'discount_trend',
          'cancellations_returns_trend',
          'complaints_trend',
          'contact_changes',
        ] as const
      ).flatMap((sig) => [s(sig, 10, 20), s(sig, 10, null), s(sig, null, null, null)]),
    ]
    for (const locale of ['zh-CN', 'en'] as const) {
      i18n.global.locale.value = locale
      for (const r of readings) {
        const st = signalText(r, signalFmt)
        expect(i18n.global.te(st.key, locale), `${locale} ${st.key}`).toBe(true)
        expect(say(r)).not.toMatch(/[{}]/)
      }
    }
  })

  it('picks the signals pulling the score down, largest first', () => {
    const readings = [
      s('recency', 1, 1, -3),
      s('revenue_trend', 1, 1, 8),
      s('discount_trend', 1, 1, -12),
      s('complaints_trend', null, null, null),
      s('contact_changes', 0, 2, -1),
    ]
    expect(topReasons(readings, 2).map((r) => r.signal)).toEqual(['discount_trend', 'recency'])
  })

  it('signs points with one decimal and tags them by direction', () => {
    expect(formatPoints(12.46, 'en')).toBe('+12.5')
    expect(formatPoints('-8', 'en')).toBe('-8.0')
    expect(formatPoints(-0.01, 'en')).toBe('0.0')
    expect(formatPoints(null, 'en')).toBe('—')
    expect(pointsTag(-3)).toBe('danger')
    expect(pointsTag(2)).toBe('success')
    expect(pointsTag(0)).toBe('info')
    expect(pointsTag(null)).toBe('info')
  })
})

describe('segment history', () => {
  it('lines up the recompute days, one line per segment in rule order, zeros where a segment is absent', () => {
    const h = segmentHistory(RULES, [
      { as_of: '2026-02-28', segment: 'lost', customers: 5 },
      { as_of: '2026-01-31', segment: 'champions', customers: 3 },
      { as_of: '2026-02-28', segment: 'champions', customers: 4 },
      { as_of: '2026-01-31', segment: 'other', customers: 1 },
    ])
    expect(h.dates).toEqual(['2026-01-31', '2026-02-28'])
    expect(h.series).toEqual([
      { key: 'champions', customers: [3, 4] },
      { key: 'lost', customers: [0, 5] },
      { key: 'other', customers: [1, 0] },
    ])
  })

  it('is empty without items', () => {
    expect(segmentHistory(RULES, [])).toEqual({ dates: [], series: [] })
  })
})

describe('lifetime-value deciles chart', () => {
  it('draws the totals and the cumulative share', () => {
    const rows = [
      { decile: 1, total: '500.00', cumulative_percent: '50.0' },
      { decile: 2, total: '300.00', cumulative_percent: '80.0' },
    ]
    const option = decileChartOption(rows, { decile: (d) => `${d * 10}%`, total: 'Future profit', cumulative: 'Cumulative' }, fmt)
    const series = option.series as { data: number[] }[]
    expect(series[0]!.data).toEqual([500, 300])
    expect(series[1]!.data).toEqual([50, 80])
    expect((option.xAxis as { data: string[] }).data).toEqual(['10%', '20%'])
  })
})

describe('the customer list loyalty filters', () => {
  it('reads valid values from the URL and drops the rest', () => {
    expect(
      loyaltyFiltersFromQuery({
        segment: 'at_risk',
        stage: 'decline',
        value_class: 'freezing_point',
        health_min: '40',
        health_max: '49.9',
        core: 'true',
        other: 'x',
      }),
    ).toEqual({
      segment: 'at_risk',
      stage: 'decline',
      value_class: 'freezing_point',
      health_min: '40',
      health_max: '49.9',
      core: 'true',
    })
    expect(
      loyaltyFiltersFromQuery({
        segment: 'Bad Key',
        stage: 'dead',
        value_class: 'gold',
        health_min: '101',
        health_max: '-1',
        core: 'yes',
      }),
    ).toEqual({})
    expect(loyaltyFiltersFromQuery({ stage: ['formation', 'decline'] })).toEqual({ stage: 'formation' })
  })

  it('turns them into API parameters', () => {
    expect(loyaltyListParams({ segment: 'lost', health_min: '40', health_max: '49.9', core: 'false' })).toEqual({
      segment: 'lost',
      health_min: 40,
      health_max: 49.9,
      core: false,
    })
    expect(loyaltyListParams({})).toEqual({})
  })
})

describe('the segment trend chart', () => {
  // Eleven segments over five recomputes, as the demo company has them: the old chart drew eleven lines.
  const keys = [
    'champions',
    'loyal',
    'potential',
    'new',
    'promising',
    'attention',
    'sleepy',
    'at_risk',
    'cant_lose',
    'hibernating',
    'lost',
  ]
  const sizes = [120, 300, 80, 40, 60, 90, 110, 150, 30, 500, 520]
  const dates = ['2025-12-31', '2026-03-31', '2026-06-30', '2026-09-30', '2026-12-08']
  const history = { dates, series: keys.map((key, k) => ({ key, customers: dates.map((_, i) => sizes[k]! + i) })) }
  const labels = {
    segment: (k: string) => (k === OTHER_SEGMENTS ? 'Other' : k),
    share: (n: number, share: number) => `${n} (${Math.round(share * 100)}%)`,
  }

  it('emphasises the largest segments on the latest day and sums the rest as "other"', () => {
    const trend = segmentTrend(history)
    expect(trend.series.map((s) => s.key)).toEqual(['loyal', 'at_risk', 'hibernating', 'lost', OTHER_SEGMENTS])
    const other = trend.series.at(-1)!.customers
    // Nothing lost: every day still adds up to the whole portfolio.
    dates.forEach((_, i) => {
      expect(trend.series.reduce((sum, s) => sum + s.customers[i]!, 0)).toBe(
        history.series.reduce((sum, s) => sum + s.customers[i]!, 0),
      )
    })
    expect(other[0]).toBe(120 + 80 + 40 + 60 + 90 + 110 + 30)
  })

  it('leaves a short history as it is', () => {
    const few = { dates, series: history.series.slice(0, TREND_SEGMENTS + 1) }
    expect(segmentTrend(few)).toBe(few)
  })

  it('draws at most five stacked bar series with a scrolling legend at the bottom', () => {
    const option = segmentHistoryChartOption(history, labels)
    const series = option.series as { type: string; stack: string; name: string }[]
    expect(series.length).toBeLessThanOrEqual(TREND_SEGMENTS + 1)
    expect(series.every((s) => s.type === 'bar' && s.stack === 'segments')).toBe(true)
    expect(series.at(-1)!.name).toBe('Other')
    expect(option.legend).toMatchObject({ type: 'scroll', bottom: 0 })
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter([
      { dataIndex: 0, seriesIndex: 0, marker: '' },
      { dataIndex: 0, seriesIndex: 4, marker: '' },
    ])
    expect(tooltip).toContain('2025-12-31')
    expect(tooltip).toContain('loyal: <b>300 (15%)</b>')
  })
})
