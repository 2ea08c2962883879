import { describe, expect, it } from 'vitest'
import { revenueWindowLabel, sameWindow } from './revenueWindow'

const t = (key: string, values?: Record<string, unknown>) => `${key} ${JSON.stringify(values)}`

describe('revenue window labels', () => {
  it('names the days or the quarters the API gives', () => {
    const months = {
      kind: 'trailing_12_months' as const,
      start: '2025-12-01',
      end: '2026-11-23',
      first_quarter: null,
      last_quarter: null,
    }
    expect(revenueWindowLabel(months, t)).toBe('tiers.window.trailing12Months {"from":"2025-12-01","to":"2026-11-23"}')
    const quarters = {
      kind: 'complete_quarters' as const,
      start: '2025-10-01',
      end: '2026-09-30',
      first_quarter: '2025Q4',
      last_quarter: '2026Q3',
    }
    expect(revenueWindowLabel(quarters, t)).toBe('tiers.window.completeQuarters {"first":"2025Q4","last":"2026Q3"}')
    expect(sameWindow(months, { ...months })).toBe(true)
    expect(sameWindow(months, quarters)).toBe(false)
    expect(sameWindow(months, null)).toBe(false)
  })
})
