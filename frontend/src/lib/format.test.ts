import { describe, expect, it } from 'vitest'
import {
  FALLBACK_CURRENCY,
  addDays,
  displayValue,
  formatCompact,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatMoney,
  formatPercent,
  todayIn,
  toNumber,
} from './format'

describe('formatDateTime', () => {
  it('shows an UTC instant in the company time zone', () => {
    expect(formatDateTime('2026-11-23T10:42:53Z', 'Asia/Shanghai')).toBe('2026-11-23 18:42')
    // Crosses midnight: the calendar date is the zone's, not UTC's.
    expect(formatDateTime('2026-11-23T17:30:00Z', 'Asia/Shanghai')).toBe('2026-11-24 01:30')
    expect(formatDateTime('2026-11-23T17:30:00+00:00', 'UTC')).toBe('2026-11-23 17:30')
  })

  it('follows daylight saving time of the zone', () => {
    expect(formatDateTime('2026-07-01T12:00:00Z', 'Europe/Berlin')).toBe('2026-07-01 14:00')
    expect(formatDateTime('2026-01-01T12:00:00Z', 'Europe/Berlin')).toBe('2026-01-01 13:00')
  })

  it('uses 00-23 hours in every UI language', () => {
    expect(formatDateTime('2026-01-01T00:05:00Z', 'UTC', 'en')).toBe('2026-01-01 00:05')
    expect(formatDateTime('2026-01-01T13:05:00Z', 'UTC', 'en')).toBe('2026-01-01 13:05')
  })

  it('falls back to UTC for a zone the browser does not know', () => {
    expect(formatDateTime('2026-11-23T10:42:53Z', 'Mars/Olympus')).toBe('2026-11-23 10:42')
  })

  it('handles empty and invalid values', () => {
    expect(formatDateTime(null, 'UTC')).toBe('')
    expect(formatDateTime('', 'UTC')).toBe('')
    expect(formatDateTime('not a date', 'UTC')).toBe('not a date')
  })
})

describe('dates', () => {
  it('today is the zone calendar date', () => {
    const now = new Date('2026-11-23T20:00:00Z')
    expect(todayIn('Asia/Shanghai', now)).toBe('2026-11-24')
    expect(todayIn('America/New_York', now)).toBe('2026-11-23')
  })

  it('adds calendar days across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
  })

  it('shows calendar dates as they are', () => {
    expect(formatDate('2026-05-01')).toBe('2026-05-01')
    expect(formatDate(null)).toBe('')
  })
})

describe('displayValue', () => {
  it('renders audit and card values', () => {
    expect(displayValue(null)).toBe('—')
    expect(displayValue(['连锁', '高端'])).toBe('连锁、高端')
    expect(displayValue({ id: 1, display_name: '张磊' })).toBe('张磊')
    expect(displayValue(3)).toBe('3')
  })
})

describe('numbers', () => {
  it('parses the API decimal strings', () => {
    expect(toNumber('1234.50')).toBe(1234.5)
    expect(toNumber('-15624.00')).toBe(-15624)
    expect(toNumber(null)).toBeNull()
    expect(toNumber('')).toBeNull()
    expect(toNumber('abc')).toBeNull()
    expect(toNumber(3)).toBe(3)
  })

  it('formats money, shares and plain decimals per locale', () => {
    expect(formatMoney('5507696.8', 'CNY', 'zh-CN')).toBe('¥5,507,696.80')
    expect(formatMoney('28.1250', 'CNY', 'zh-CN', 4)).toBe('¥28.125')
    expect(formatMoney('28.0000', 'CNY', 'zh-CN', 4)).toBe('¥28.00')
    expect(formatMoney('-15624.00', 'CNY', 'en')).toMatch(/^-CN¥15,624\.00$/)
    expect(formatMoney(null, 'CNY', 'en')).toBe('—')
    expect(formatPercent('0.0249', 'en')).toBe('2.5%')
    expect(formatPercent('0.0000', 'zh-CN')).toBe('0%')
    expect(formatPercent(null, 'en')).toBe('—')
    expect(formatDecimal('30.000', 'en')).toBe('30')
    expect(formatDecimal('1234.5', 'en')).toBe('1,234.5')
    expect(formatDecimal('8.25', 'zh-CN', 1)).toMatch(/^8\.[23]$/)
  })

  it('formats in whichever currency the company keeps', () => {
    expect(formatMoney('1234.5', 'USD', 'en')).toBe('$1,234.50')
    expect(formatMoney('1234.5', 'HKD', 'zh-CN')).toBe('HK$1,234.50')
    expect(formatMoney('1234.5', 'EUR', 'en')).toBe('€1,234.50')
  })

  it('shows the amount without a sign while the currency is not known yet', () => {
    expect(formatMoney('1234.5', FALLBACK_CURRENCY, 'en')).toBe('1,234.50')
    expect(formatMoney('28.1250', FALLBACK_CURRENCY, 'zh-CN', 4)).toBe('28.125')
  })

  it('survives an unknown currency code', () => {
    expect(formatMoney('10', 'XX1', 'en')).toBe('XX1 10.00')
  })

  it('writes short axis labels', () => {
    expect(formatCompact(120000, 'zh-CN')).toBe('12万')
    expect(formatCompact(120000, 'en')).toBe('120K')
    expect(formatCompact(0, 'en')).toBe('0')
  })
})
