import { describe, expect, it } from 'vitest'
import { DEFAULT_TIME_ZONE, addDays, displayValue, formatDate, formatDateTime, todayIn } from './format'

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

  it('falls back to the default zone for an unknown one', () => {
    expect(formatDateTime('2026-11-23T10:42:53Z', 'Mars/Olympus')).toBe(formatDateTime('2026-11-23T10:42:53Z', DEFAULT_TIME_ZONE))
  })

  it('handles empty and invalid values', () => {
    expect(formatDateTime(null)).toBe('')
    expect(formatDateTime('')).toBe('')
    expect(formatDateTime('not a date')).toBe('not a date')
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
