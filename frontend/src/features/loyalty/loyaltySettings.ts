/**
 * The loyalty settings form (administrators): lifetime-value economics (margin, discount rate, horizon), each
 * health signal's weight and the lifecycle stage / value-class thresholds. Segment rules are not edited here:
 * the PUT body sends them back as they were loaded. Pure functions: the draft from the API's decimal strings,
 * what the server would reject, the PUT body, and where a 422's field paths are shown on the form.
 * Trend and share thresholds are ratios in the API (-0.3) and percentages in the form (-30).
 */
import { HEALTH_SIGNALS, type LoyaltySettings, type LoyaltySettingsUpdate } from '@/api/types'
import { fieldFor } from '@/lib/forms'
import { toNumber } from '@/lib/format'

/** The lifecycle thresholds in the form's order: stages, then value classes. */
export const LIFECYCLE_FIELDS = [
  'exploration_days',
  'formation_days',
  'growth',
  'decline',
  'decline_interval_factor',
  'dormant_days',
  'migrating',
  'migrating_share_points',
] as const
export type LifecycleField = (typeof LIFECYCLE_FIELDS)[number]

/** How a threshold is entered: whole days, a percentage (of a ratio), percentage points, or a factor. */
export type LifecycleUnit = 'days' | 'percent' | 'points' | 'factor'
export const LIFECYCLE_UNITS: Record<LifecycleField, LifecycleUnit> = {
  exploration_days: 'days',
  formation_days: 'days',
  growth: 'percent',
  decline: 'percent',
  decline_interval_factor: 'factor',
  dormant_days: 'days',
  migrating: 'percent',
  migrating_share_points: 'points',
}

export type LoyaltySettingsDraft = {
  margin_percent: number | null
  annual_discount_rate_percent: number | null
  horizon_months: number | null
  /** Every known signal (missing ones are 0: switched off), then any other the server names. */
  health_weights: Record<string, number | null>
  /** Days and factors as in the API; trends and share changes in percent (the API's ratio x 100). */
  lifecycle: Record<LifecycleField, number | null>
}

type SettingsLike = Pick<
  LoyaltySettings,
  'margin_percent' | 'annual_discount_rate_percent' | 'horizon_months' | 'health_weights' | 'lifecycle'
>

const inPercent = (u: LifecycleUnit) => u === 'percent' || u === 'points'
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits

/** The signals the form shows a weight for: the known ones in their order, then any other the settings name. */
export function weightSignals(weights: Record<string, unknown>): string[] {
  const known: readonly string[] = HEALTH_SIGNALS
  return [...known, ...Object.keys(weights).filter((k) => !known.includes(k))]
}

export function toLoyaltyDraft(s: SettingsLike): LoyaltySettingsDraft {
  const health_weights: Record<string, number | null> = {}
  for (const k of weightSignals(s.health_weights)) health_weights[k] = k in s.health_weights ? toNumber(s.health_weights[k]) : 0
  const lifecycle = {} as Record<LifecycleField, number | null>
  for (const f of LIFECYCLE_FIELDS) {
    const v = toNumber(s.lifecycle[f])
    lifecycle[f] = v !== null && inPercent(LIFECYCLE_UNITS[f]) ? round(v * 100, 1) : v
  }
  return {
    margin_percent: toNumber(s.margin_percent),
    annual_discount_rate_percent: toNumber(s.annual_discount_rate_percent),
    horizon_months: toNumber(s.horizon_months),
    health_weights,
    lifecycle,
  }
}

/**
 * The PUT body: every value (a full replacement) as the API's decimals (percentages with two decimals,
 * ratios with three), with the segment rules of the settings loaded, unchanged.
 */
export function toLoyaltyUpdate(d: LoyaltySettingsDraft, segmentRules: LoyaltySettings['segment_rules']): LoyaltySettingsUpdate {
  const n = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? 0 : v)
  const health_weights: Record<string, string> = {}
  for (const [k, v] of Object.entries(d.health_weights)) health_weights[k] = n(v).toFixed(2)
  const lifecycle = {} as Record<LifecycleField, number | string>
  for (const f of LIFECYCLE_FIELDS) {
    const v = n(d.lifecycle[f])
    const unit = LIFECYCLE_UNITS[f]
    lifecycle[f] = unit === 'days' ? Math.round(v) : inPercent(unit) ? (v / 100).toFixed(3) : v.toFixed(3)
  }
  return {
    margin_percent: n(d.margin_percent).toFixed(2),
    annual_discount_rate_percent: n(d.annual_discount_rate_percent).toFixed(2),
    horizon_months: Math.round(n(d.horizon_months)),
    health_weights,
    lifecycle: lifecycle as LoyaltySettingsUpdate['lifecycle'],
    segment_rules: segmentRules.map((r) => ({ ...r, recency: [...r.recency], frequency: [...r.frequency] })),
  }
}

/** The form differs from the settings loaded (compared as the bodies they would send). */
export function loyaltySettingsChanged(saved: LoyaltySettings, d: LoyaltySettingsDraft): boolean {
  const rules = saved.segment_rules
  return JSON.stringify(toLoyaltyUpdate(toLoyaltyDraft(saved), rules)) !== JSON.stringify(toLoyaltyUpdate(d, rules))
}

export type LoyaltySettingsProblem =
  | 'required'
  | 'percentRange'
  | 'discountRange'
  | 'horizonRange'
  | 'weightNegative'
  | 'weightsAllZero'
  | 'daysRange'
  | 'explorationAfterFormation'
  | 'positive'
  | 'fall'
  | 'factorMin'

const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || Number.isNaN(v)

/**
 * What the server would reject, by field path (as a 422 names them): every value is needed; margin 0 to 100;
 * discount rate above -100 and at most 100; horizon 1 to 120 months; weights 0 or more, at least one above 0;
 * days 1 to 3650, exploration at most formation; growth and share points above 0, decline and migrating below
 * 0 (falls); the silence factor at least 1.
 */
export function loyaltyProblems(d: LoyaltySettingsDraft): Record<string, LoyaltySettingsProblem> {
  const out: Record<string, LoyaltySettingsProblem> = {}
  const check = (field: string, v: number | null | undefined, ok: (v: number) => boolean, problem: LoyaltySettingsProblem) => {
    if (missing(v)) out[field] = 'required'
    else if (!ok(v)) out[field] = problem
  }
  check('margin_percent', d.margin_percent, (v) => v >= 0 && v <= 100, 'percentRange')
  check('annual_discount_rate_percent', d.annual_discount_rate_percent, (v) => v > -100 && v <= 100, 'discountRange')
  check('horizon_months', d.horizon_months, (v) => Number.isInteger(v) && v >= 1 && v <= 120, 'horizonRange')
  for (const [k, v] of Object.entries(d.health_weights)) check(`health_weights.${k}`, v, (w) => w >= 0, 'weightNegative')
  const weights = Object.values(d.health_weights)
  if (weights.every((v) => !missing(v) && v >= 0) && weights.reduce<number>((a, v) => a + (v ?? 0), 0) <= 0)
    out.health_weights = 'weightsAllZero'
  const l = d.lifecycle
  const days = (v: number) => Number.isInteger(v) && v >= 1 && v <= 3650
  check('lifecycle.exploration_days', l.exploration_days, days, 'daysRange')
  check('lifecycle.formation_days', l.formation_days, days, 'daysRange')
  check('lifecycle.dormant_days', l.dormant_days, days, 'daysRange')
  if (!out['lifecycle.exploration_days'] && !out['lifecycle.formation_days'] && l.exploration_days! > l.formation_days!) {
    out['lifecycle.exploration_days'] = 'explorationAfterFormation'
  }
  check('lifecycle.growth', l.growth, (v) => v > 0, 'positive')
  check('lifecycle.decline', l.decline, (v) => v < 0, 'fall')
  check('lifecycle.migrating', l.migrating, (v) => v < 0, 'fall')
  check('lifecycle.decline_interval_factor', l.decline_interval_factor, (v) => v >= 1, 'factorMin')
  check('lifecycle.migrating_share_points', l.migrating_share_points, (v) => v > 0, 'positive')
  return out
}

/** The field paths the form shows a message at (groups too: `health_weights`, `lifecycle`, `segment_rules`). */
export function shownFields(d: Pick<LoyaltySettingsDraft, 'health_weights'>): string[] {
  return [
    'margin_percent',
    'annual_discount_rate_percent',
    'horizon_months',
    'health_weights',
    ...Object.keys(d.health_weights).map((k) => `health_weights.${k}`),
    'lifecycle',
    ...LIFECYCLE_FIELDS.map((f) => `lifecycle.${f}`),
    'segment_rules',
  ]
}

export interface PlacedErrors {
  /** Messages by the form field showing them. */
  byField: Record<string, string>
  /** Messages no field shows (`field: message`, or the message alone), for a list. */
  other: string[]
}

/**
 * Where a 422's messages go (their paths already without `body.`, see `problemFieldErrors`): at the field
 * (`health_weights.recency`, `lifecycle.growth`), else at the closest group shown (`health_weights.foo.[key]`
 * -> `health_weights`, the server's `segment_rules.3.key` -> `segment_rules`), else in the list.
 */
export function placeFieldErrors(errors: Record<string, string>, shown: readonly string[]): PlacedErrors {
  const set = new Set(shown)
  const byField: Record<string, string> = {}
  const other: string[] = []
  for (const [field, message] of Object.entries(errors)) {
    const at = fieldFor(field, set)
    if (at === null) other.push(field ? `${field}: ${message}` : message)
    else byField[at] = byField[at] ? `${byField[at]}; ${message}` : message
  }
  return { byField, other }
}

/** Scores as short ranges: [4, 5] -> "4–5", [1, 3, 4] -> "1, 3–4", [5] -> "5". */
export function scoreRanges(scores: readonly number[]): string {
  const sorted = [...new Set(scores)].sort((a, b) => a - b)
  const parts: string[] = []
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`)
    i = j + 1
  }
  return parts.join(', ')
}
