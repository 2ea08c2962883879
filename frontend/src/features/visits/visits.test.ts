import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/locales/zh-CN'
import en from '@/i18n/locales/en'
import type { Translate } from '@/i18n/messages'
import { VISIT_ANOMALIES, VISIT_KINDS, VISIT_STATUSES } from '@/api/types'
import {
  STEPS_BY_STATUS,
  allowedSteps,
  cadenceText,
  checkInBody,
  overdueDays,
  visitFlags,
  visitFiltersFromQuery,
  visitFiltersToQuery,
} from './visits'

function translator(locale: 'zh-CN' | 'en'): Translate {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en }, missingWarn: false, fallbackWarn: false })
  return (key, named) => i18n.global.t(key, named ?? {})
}

describe('overdueDays', () => {
  it('counts the calendar days a due day is past, across months and years', () => {
    expect(overdueDays('2026-03-01', '2026-03-04')).toBe(3)
    expect(overdueDays('2026-02-28', '2026-03-01')).toBe(1)
    expect(overdueDays('2025-12-31', '2026-01-02')).toBe(2)
  })
  it('is 0 on the due day and before it', () => {
    expect(overdueDays('2026-03-04', '2026-03-04')).toBe(0)
    expect(overdueDays('2026-03-10', '2026-03-04')).toBe(0)
  })
})

describe('allowedSteps', () => {
  it('follows the transitions by status', () => {
    expect(STEPS_BY_STATUS.planned).toEqual(['check_in', 'cancel', 'missed'])
    expect(STEPS_BY_STATUS.in_progress).toEqual(['complete', 'cancel'])
    for (const s of ['completed', 'cancelled', 'missed'] as const) expect(STEPS_BY_STATUS[s]).toEqual([])
  })
  it("takes the server's actions, in the buttons' order", () => {
    expect(allowedSteps({ status: 'planned', actions: ['be marked missed', 'check in', 'cancel'] })).toEqual([
      'check_in',
      'cancel',
      'missed',
    ])
    expect(allowedSteps({ status: 'in_progress', actions: ['complete', 'cancel'] })).toEqual(['complete', 'cancel'])
    expect(allowedSteps({ status: 'completed', actions: [] })).toEqual([])
  })
})

const flagsOf = (v: { anomalies: ('too_far' | 'no_position')[]; distance_m: number | null }, t: Translate) =>
  visitFlags(v, t).map((f) => f.text)

describe('visitFlags', () => {
  it('words the flags with the distance in metres as a number', () => {
    const zh = translator('zh-CN')
    expect(flagsOf({ anomalies: ['too_far'], distance_m: 812 }, zh)).toEqual(['距离过远 812 米'])
    expect(flagsOf({ anomalies: ['no_position'], distance_m: null }, zh)).toEqual(['无定位'])
    expect(flagsOf({ anomalies: ['too_far'], distance_m: 1500 }, translator('en'))).toEqual(['Too far 1500 m'])
    expect(flagsOf({ anomalies: [], distance_m: 20 }, zh)).toEqual([])
  })
})

describe('words', () => {
  it('has every kind, status and flag in both languages, Chinese in the Chinese UI', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const t = translator(locale)
      for (const k of VISIT_KINDS) expect(t(`visits.kinds.${k}`)).not.toContain('visits.')
      for (const s of VISIT_STATUSES) expect(t(`visits.statuses.${s}`)).not.toContain('visits.')
      for (const a of VISIT_ANOMALIES) expect(t(`visits.flags.${a}`)).not.toContain('visits.')
    }
    const zh = translator('zh-CN')
    expect(VISIT_KINDS.map((k) => zh(`visits.kinds.${k}`))).toEqual(['例行拜访', '领导拜访', '回访', '投诉跟进'])
    expect(VISIT_STATUSES.map((s) => zh(`visits.statuses.${s}`))).toEqual(['计划中', '进行中', '已完成', '已取消', '未完成'])
  })
  it('words a cadence', () => {
    expect(cadenceText({ every: 2, unit: 'week' }, translator('zh-CN'))).toBe('每 2 周')
    expect(cadenceText({ every: 3, unit: 'month' }, translator('en'))).toBe('Every 3 months')
    expect(cadenceText(null, translator('en'))).toBe('None')
  })
})

describe('checkInBody', () => {
  it('sends the position rounded, or nothing without one', () => {
    expect(checkInBody(null)).toEqual({})
    expect(checkInBody({ latitude: 31.2304161234, longitude: 121.4737019876, accuracy: 12.34 })).toEqual({
      latitude: 31.230416,
      longitude: 121.473702,
      accuracy_m: 12.3,
    })
    expect(checkInBody({ latitude: 1, longitude: 2, accuracy: 1e9 })).toEqual({ latitude: 1, longitude: 2 })
  })
})

describe('filters in the URL', () => {
  it('round-trips and drops what the API would reject', () => {
    const f = visitFiltersFromQuery({
      tab: 'visits',
      status: 'planned',
      kind: 'leader',
      anomalies: '1',
      from: '2026-01-01',
      to: 'x',
    })
    expect(f).toEqual({
      tab: 'visits',
      overdue: false,
      status: 'planned',
      kind: 'leader',
      anomalies: true,
      from: '2026-01-01',
      to: '',
    })
    expect(visitFiltersToQuery({ other: 'kept', status: 'missed' }, f)).toEqual({
      other: 'kept',
      tab: 'visits',
      status: 'planned',
      kind: 'leader',
      anomalies: '1',
      from: '2026-01-01',
    })
    expect(visitFiltersFromQuery({ status: 'nope', kind: 'nope', tab: 'nope' })).toMatchObject({
      tab: 'due',
      status: '',
      kind: '',
    })
    expect(visitFiltersToQuery({}, visitFiltersFromQuery({ overdue: '1' }))).toEqual({ overdue: '1' })
  })
})
