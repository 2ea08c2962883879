import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/locales/zh-CN'
import en from '@/i18n/locales/en'
import { problemFieldErrors } from '@/api/errors'
import { HEALTH_SIGNALS, type LoyaltySettings } from '@/api/types'
import {
  LIFECYCLE_FIELDS,
  LIFECYCLE_UNITS,
  loyaltyProblems,
  loyaltySettingsChanged,
  placeFieldErrors,
  scoreRanges,
  shownFields,
  toLoyaltyDraft,
  toLoyaltyUpdate,
  weightSignals,
} from './loyaltySettings'

const SETTINGS: LoyaltySettings = {
  margin_percent: '20.00',
  annual_discount_rate_percent: '10.00',
  horizon_months: 12,
  health_weights: {
    recency: '3.00',
    revenue_trend: '2.50',
    share_of_wallet_trend: '1.00',
    discount_trend: '1.00',
    cancellations_returns_trend: '1.00',
    complaints_trend: '1.00',
    // contact_changes missing: switched off
  },
  lifecycle: {
    exploration_days: 180,
    formation_days: 365,
    growth: '0.200',
    decline: '-0.300',
    decline_interval_factor: '2.000',
    dormant_days: 180,
    migrating: '-0.200',
    migrating_share_points: '0.125',
  },
  segment_rules: [
    { key: 'champions', label_zh: '重要价值客户', label_en: 'Champions', recency: [5], frequency: [4, 5] },
    { key: 'rest', label_zh: '其他', label_en: 'Others', recency: [1, 2, 3, 4, 5], frequency: [1, 2, 3] },
  ],
  version: 7,
}

describe('loyalty settings draft', () => {
  it('reads decimals as numbers, trends and share changes in percent, missing weights as 0', () => {
    const d = toLoyaltyDraft(SETTINGS)
    expect(d.margin_percent).toBe(20)
    expect(d.annual_discount_rate_percent).toBe(10)
    expect(d.horizon_months).toBe(12)
    expect(Object.keys(d.health_weights)).toEqual([...HEALTH_SIGNALS])
    expect(d.health_weights.revenue_trend).toBe(2.5)
    expect(d.health_weights.contact_changes).toBe(0)
    expect(d.lifecycle).toEqual({
      exploration_days: 180,
      formation_days: 365,
      growth: 20,
      decline: -30,
      decline_interval_factor: 2,
      dormant_days: 180,
      migrating: -20,
      migrating_share_points: 12.5,
    })
  })

  it('keeps a weight the server names that the SPA does not know, after the known ones', () => {
    expect(weightSignals({ recency: '1', future_signal: '2' })).toEqual([...HEALTH_SIGNALS, 'future_signal'])
    expect(toLoyaltyDraft({ ...SETTINGS, health_weights: { future_signal: '2' } }).health_weights.future_signal).toBe(2)
  })
})

describe('loyalty settings PUT body', () => {
  it('sends every value as the API decimals, without the version, segment rules unchanged', () => {
    const d = toLoyaltyDraft(SETTINGS)
    d.margin_percent = 25.5
    d.health_weights.contact_changes = 0.5
    d.lifecycle.decline = -35
    d.lifecycle.decline_interval_factor = 2.5
    const body = toLoyaltyUpdate(d, SETTINGS.segment_rules)
    expect(body).toEqual({
      margin_percent: '25.50',
      annual_discount_rate_percent: '10.00',
      horizon_months: 12,
      health_weights: {
        recency: '3.00',
        revenue_trend: '2.50',
        share_of_wallet_trend: '1.00',
        discount_trend: '1.00',
        cancellations_returns_trend: '1.00',
        complaints_trend: '1.00',
        contact_changes: '0.50',
      },
      lifecycle: {
        exploration_days: 180,
        formation_days: 365,
        growth: '0.200',
        decline: '-0.350',
        decline_interval_factor: '2.500',
        dormant_days: 180,
        migrating: '-0.200',
        migrating_share_points: '0.125',
      },
      segment_rules: SETTINGS.segment_rules,
    })
    expect('version' in body).toBe(false)
    // A copy: editing the body does not touch the cached settings.
    expect(body.segment_rules[0]).not.toBe(SETTINGS.segment_rules[0])
  })

  it('round-trips: the draft of the settings sends what was loaded', () => {
    const body = toLoyaltyUpdate(toLoyaltyDraft(SETTINGS), SETTINGS.segment_rules)
    expect(body.lifecycle).toEqual({ ...SETTINGS.lifecycle })
    expect(body.margin_percent).toBe(SETTINGS.margin_percent)
  })

  it('notices changes, not the unchanged form', () => {
    const d = toLoyaltyDraft(SETTINGS)
    expect(loyaltySettingsChanged(SETTINGS, d)).toBe(false)
    d.health_weights.recency = 4
    expect(loyaltySettingsChanged(SETTINGS, d)).toBe(true)
    const e = toLoyaltyDraft(SETTINGS)
    e.lifecycle.growth = 25
    expect(loyaltySettingsChanged(SETTINGS, e)).toBe(true)
  })
})

describe('loyalty settings problems', () => {
  it('accepts the settings as loaded', () => {
    expect(loyaltyProblems(toLoyaltyDraft(SETTINGS))).toEqual({})
  })

  it('names each field the server would reject, by its path', () => {
    const d = toLoyaltyDraft(SETTINGS)
    d.margin_percent = null
    d.annual_discount_rate_percent = -100
    d.horizon_months = 121
    d.health_weights.recency = -1
    d.lifecycle.exploration_days = 400
    d.lifecycle.dormant_days = 0
    d.lifecycle.growth = 0
    d.lifecycle.decline = 5
    d.lifecycle.migrating = 0
    d.lifecycle.decline_interval_factor = 0.5
    d.lifecycle.migrating_share_points = -1
    expect(loyaltyProblems(d)).toEqual({
      margin_percent: 'required',
      annual_discount_rate_percent: 'discountRange',
      horizon_months: 'horizonRange',
      'health_weights.recency': 'weightNegative',
      'lifecycle.exploration_days': 'explorationAfterFormation',
      'lifecycle.dormant_days': 'daysRange',
      'lifecycle.growth': 'positive',
      'lifecycle.decline': 'fall',
      'lifecycle.migrating': 'fall',
      'lifecycle.decline_interval_factor': 'factorMin',
      'lifecycle.migrating_share_points': 'positive',
    })
  })

  it('needs at least one weight above 0', () => {
    const d = toLoyaltyDraft(SETTINGS)
    for (const k of Object.keys(d.health_weights)) d.health_weights[k] = 0
    expect(loyaltyProblems(d)).toEqual({ health_weights: 'weightsAllZero' })
  })
})

describe('placing a 422 on the form', () => {
  const shown = shownFields(toLoyaltyDraft(SETTINGS))

  it('shows each field the form has at that field, groups at the group, the rest in the list', () => {
    const errors = problemFieldErrors({
      errors: [
        { field: 'body.health_weights.recency', message: 'a weight is 0 or more' },
        { field: 'lifecycle.growth', message: 'above 0' },
        { field: 'lifecycle.decline', message: 'decline and migrating are falls: below 0' },
        { field: 'health_weights', message: 'at least one weight above 0' },
        { field: 'health_weights.bogus.[key]', message: 'not a health signal' },
        { field: 'segment_rules.3.key', message: 'each segment needs its own key' },
        { field: 'segment_rules', message: 'no segment for recency/frequency scores 11' },
        { field: 'margin_percent', message: '0 to 100' },
        { field: 'version', message: 'unexpected' },
        { field: '', message: 'something else' },
      ],
    })
    expect(placeFieldErrors(errors, shown)).toEqual({
      byField: {
        'health_weights.recency': 'a weight is 0 or more',
        'lifecycle.growth': 'above 0',
        'lifecycle.decline': 'decline and migrating are falls: below 0',
        health_weights: 'at least one weight above 0; not a health signal',
        segment_rules: 'each segment needs its own key; no segment for recency/frequency scores 11',
        margin_percent: '0 to 100',
      },
      other: ['version: unexpected', 'something else'],
    })
  })

  it('lists every field the form shows', () => {
    expect(shown).toContain('horizon_months')
    expect(shown).toContain('health_weights.contact_changes')
    expect(shown).toContain('lifecycle.migrating_share_points')
    expect(shown).toContain('segment_rules')
  })
})

describe('score ranges', () => {
  it('writes consecutive scores as a range', () => {
    expect(scoreRanges([5])).toBe('5')
    expect(scoreRanges([5, 4])).toBe('4–5')
    expect(scoreRanges([1, 3, 4, 5])).toBe('1, 3–5')
    expect(scoreRanges([1, 2, 3, 4, 5])).toBe('1–5')
    expect(scoreRanges([])).toBe('')
  })
})

describe('loyalty settings texts', () => {
  const i18n = createI18n({ legacy: false, locale: 'en', messages: { 'zh-CN': zhCN, en } })
  const keys = [
    ...[
      'open',
      'title',
      'version',
      'intro',
      'saved',
      'unchanged',
      'economics',
      'margin',
      'discountRate',
      'horizon',
      'weights',
      'weightsHint',
    ],
    ...[
      'lifecycleTitle',
      'lifecycleHint',
      'segments',
      'segmentsHint',
      'segmentKey',
      'segmentName',
      'recency',
      'frequency',
      'otherErrors',
    ],
    'units.months',
    ...LIFECYCLE_FIELDS.map((f) => `lifecycle.${f}`),
    ...Object.values(LIFECYCLE_UNITS).map((u) => `units.${u}`),
  ].map((k) => `loyalty.settings.${k}`)
  const problemKeys = [
    'required',
    'percentRange',
    'discountRange',
    'horizonRange',
    'weightNegative',
    'weightsAllZero',
    'daysRange',
    'explorationAfterFormation',
    'positive',
    'fall',
    'factorMin',
  ].map((p) => `loyalty.settings.problems.${p}`)
  const signalKeys = HEALTH_SIGNALS.map((s) => `loyalty.signals.${s}.name`)

  it.each(['zh-CN', 'en'] as const)('exist in %s', (locale) => {
    for (const k of [...keys, ...problemKeys, ...signalKeys]) expect(i18n.global.te(k, locale), `${locale} ${k}`).toBe(true)
  })
})
