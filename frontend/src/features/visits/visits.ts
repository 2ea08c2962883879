/**
 * Visits (拜访, docs/domain.md section 8) for the office screens, as pure functions: how overdue a due visit is,
 * the check-in flags in words, what a visit's status allows next, the list filters in the route query, a
 * cadence in words and the check-in body from a device position. The views bind them to the UI language.
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { Translate } from '@/i18n/messages'
import {
  VISIT_KINDS,
  VISIT_STATUSES,
  type VisitAction,
  type VisitAnomaly,
  type VisitCadence,
  type VisitCheckIn,
  type VisitKind,
  type VisitRead,
  type VisitStatus,
} from '@/api/types'

const DAY_MS = 86_400_000

function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number)
  return Date.UTC(y!, (m ?? 1) - 1, d ?? 1) / DAY_MS
}

/** Days a visit due on `dueOn` is late on `today` (both `YYYY-MM-DD`, the company's calendar); 0 when not late. */
export function overdueDays(dueOn: string, today: string): number {
  return Math.max(0, dayNumber(today) - dayNumber(dueOn))
}

// --- actions ---------------------------------------------------------------------------------------------

/** The steps the office screens offer, in the order their buttons show. */
export const VISIT_STEPS = ['check_in', 'complete', 'cancel', 'missed'] as const
export type VisitStep = (typeof VISIT_STEPS)[number]

const STEP_OF_ACTION: Record<VisitAction, VisitStep> = {
  'check in': 'check_in',
  complete: 'complete',
  cancel: 'cancel',
  'be marked missed': 'missed',
}

/** What each status allows (the domain's TRANSITIONS): planned -> in progress -> completed; planned or in
 * progress -> cancelled; planned -> missed. */
export const STEPS_BY_STATUS: Record<VisitStatus, readonly VisitStep[]> = {
  planned: ['check_in', 'cancel', 'missed'],
  in_progress: ['complete', 'cancel'],
  completed: [],
  cancelled: [],
  missed: [],
}

/** The steps a visit allows now: the server's `actions` when it sent them, else the status's. */
export function allowedSteps(visit: Pick<VisitRead, 'status' | 'actions'>): VisitStep[] {
  const byStatus = STEPS_BY_STATUS[visit.status] ?? []
  if (!visit.actions) return [...byStatus]
  const fromServer = new Set(visit.actions.map((a) => STEP_OF_ACTION[a]).filter(Boolean))
  return VISIT_STEPS.filter((s) => fromServer.has(s))
}

// --- flags ----------------------------------------------------------------------------------------------

export interface Flag {
  anomaly: VisitAnomaly
  text: string
}

/** The check-in's flags in words: "距离过远 812 m", "无定位". */
export function visitFlags(visit: Pick<VisitRead, 'anomalies' | 'distance_m'>, t: Translate): Flag[] {
  return visit.anomalies.map((anomaly) => ({
    anomaly,
    text:
      anomaly === 'too_far' && visit.distance_m !== null
        ? t('visits.flagDistance', { flag: t('visits.flags.too_far'), m: visit.distance_m })
        : t(`visits.flags.${anomaly}`),
  }))
}

/** "每 2 周", "every 3 months"; "—" without one. */
export function cadenceText(cadence: VisitCadence | null | undefined, t: Translate): string {
  if (!cadence) return t('visits.cadence.none')
  return t(`visits.cadence.${cadence.unit}`, { n: cadence.every })
}

/** The check-in body from a device position (null: the device gave none, the check-in is flagged). */
export function checkInBody(coords: { latitude: number; longitude: number; accuracy?: number | null } | null): VisitCheckIn {
  if (!coords) return {}
  const body: VisitCheckIn = { latitude: round(coords.latitude, 6), longitude: round(coords.longitude, 6) }
  if (coords.accuracy !== undefined && coords.accuracy !== null && coords.accuracy >= 0 && coords.accuracy <= 100_000) {
    body.accuracy_m = round(coords.accuracy, 1)
  }
  return body
}

function round(v: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(v * f) / f
}

// --- the list's filters in the URL ----------------------------------------------------------------------

export type VisitsTab = 'due' | 'visits'

export interface VisitFilters {
  tab: VisitsTab
  overdue: boolean
  status: VisitStatus | ''
  kind: VisitKind | ''
  anomalies: boolean
  from: string
  to: string
}

export const VISIT_FILTER_KEYS = ['tab', 'overdue', 'status', 'kind', 'anomalies', 'from', 'to'] as const

function first(v: LocationQuery[string] | undefined): string | null {
  const x = Array.isArray(v) ? v[0] : v
  return typeof x === 'string' ? x : null
}
const isDate = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v)

/** The filters in a route query; values the API would reject are dropped. */
export function visitFiltersFromQuery(query: LocationQuery): VisitFilters {
  const status = first(query.status)
  const kind = first(query.kind)
  const from = first(query.from)
  const to = first(query.to)
  return {
    tab: first(query.tab) === 'visits' ? 'visits' : 'due',
    overdue: first(query.overdue) === '1',
    status: status && (VISIT_STATUSES as readonly string[]).includes(status) ? (status as VisitStatus) : '',
    kind: kind && (VISIT_KINDS as readonly string[]).includes(kind) ? (kind as VisitKind) : '',
    anomalies: first(query.anomalies) === '1',
    from: isDate(from) ? from : '',
    to: isDate(to) ? to : '',
  }
}

/** `query` with the filters written in (defaults left out, other keys kept). */
export function visitFiltersToQuery(query: LocationQuery, f: VisitFilters): LocationQueryRaw {
  const out: LocationQueryRaw = { ...query }
  for (const k of VISIT_FILTER_KEYS) delete out[k]
  if (f.tab !== 'due') out.tab = f.tab
  if (f.overdue) out.overdue = '1'
  if (f.status) out.status = f.status
  if (f.kind) out.kind = f.kind
  if (f.anomalies) out.anomalies = '1'
  if (f.from) out.from = f.from
  if (f.to) out.to = f.to
  return out
}
