/**
 * The window of a revenue figure, as the API returns it with the figure (docs/domain.md section 5, "Revenue
 * windows"): "近12个月 2025-12-01 – 2026-11-23", "近4个完整季度 2025Q4–2026Q3". The label comes from the data, never
 * from a string that assumes the window.
 */
import type { components } from '@/api/schema'

export type RevenueWindow = components['schemas']['RevenueWindowRead']

/** The label of a window; `t` is vue-i18n's (keys under tiers.window). */
export function revenueWindowLabel(w: RevenueWindow, t: (key: string, values?: Record<string, unknown>) => string): string {
  switch (w.kind) {
    case 'complete_quarters':
      return t('tiers.window.completeQuarters', { first: w.first_quarter ?? w.start, last: w.last_quarter ?? w.end })
    case 'next_12_months':
      return t('tiers.window.next12Months', { from: w.start, to: w.end })
    default:
      return t('tiers.window.trailing12Months', { from: w.start, to: w.end })
  }
}

/** Two windows that cover the same days (the same figure may then be compared). */
export function sameWindow(a: RevenueWindow | null | undefined, b: RevenueWindow | null | undefined): boolean {
  return !!a && !!b && a.kind === b.kind && a.start === b.start && a.end === b.end
}
