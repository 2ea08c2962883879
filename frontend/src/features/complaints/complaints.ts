/**
 * Complaints (投诉) for the queue, the detail page, the customer card: live
 * countdowns of the SLA timers (from the server's `remaining_seconds` and the time it was fetched, so the
 * browser's clock only measures the seconds since), their colour, the timer a complaint is nearest to
 * missing, the timeline as sentences (i18n keys with parameters), the queue's filters in
 * the URL, and wall times in the company time zone for the forms. Pure functions: views bind `t` and the zone.
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { ComplaintEventKind, ComplaintListQuery, TimerKind, TimerStatus } from '@/api/types'
import type { Translate } from '@/i18n/messages'

// --- durations and countdowns -------------------------------------------------------

export interface DurationText {
  /** `complaints.duration.<key>`: days+hours, hours+minutes, minutes+seconds, seconds. */
  key: 'dh' | 'hm' | 'ms' | 's'
  params: { d: number; h: number; m: string; s: string }
}

const pad2 = (n: number) => String(n).padStart(2, '0')

/**
 * A length of time in its two largest units (the sign is dropped): 2d 3h, 3h 05m, 4m 10s, 45s.
 * Minutes and seconds after a larger unit are two digits.
 */
export function durationText(seconds: number): DurationText {
  const total = Math.floor(Math.abs(seconds))
  const d = Math.floor(total / 86_400)
  const h = Math.floor((total % 86_400) / 3_600)
  const m = Math.floor((total % 3_600) / 60)
  const s = total % 60
  if (d > 0) return { key: 'dh', params: { d, h, m: pad2(m), s: pad2(s) } }
  if (h > 0) return { key: 'hm', params: { d, h, m: pad2(m), s: pad2(s) } }
  if (m > 0) return { key: 'ms', params: { d, h, m: String(m), s: pad2(s) } }
  return { key: 's', params: { d, h, m: '0', s: String(s) } }
}

export function formatDuration(seconds: number, t: Translate): string {
  const d = durationText(seconds)
  return t(`complaints.duration.${d.key}`, d.params)
}

/** The fields of a timer the countdown needs (GET /complaints items and detail). */
export interface TimerLike {
  kind: TimerKind
  basis: 'working' | 'clock'
  warn_at: string
  due_at: string
  status: TimerStatus
  met_at?: string | null
  remaining_seconds?: number | null
}

export interface LiveTimer {
  kind: TimerKind
  /** The status now: a running timer turns warning, then breached, as its deadline comes. */
  status: TimerStatus
  /** Seconds to the deadline now (negative: how late); frozen while paused; null once met. */
  remaining: number | null
  /** Whether the countdown stands still (paused, or met). */
  frozen: boolean
  /**
   * Seconds past the deadline once breached (running late: how late now; met late: how late it was met; paused
   * late: how late when paused); null while not breached. Only server times: met_at and due_at, or the remainder.
   */
  overdue: number | null
  due_at: string
  met_at: string | null
}

/**
 * A timer as it is `now`, from what the server said at `fetchedAt` (both epoch milliseconds). The server's
 * remaining seconds count down by the time passed since; the browser's clock is never compared with the
 * server's deadlines. `paused`: the complaint is paused (its working-time timers stand still).
 */
export function liveTimer(timer: TimerLike, fetchedAt: number, now: number, paused = false): LiveTimer {
  const base = { kind: timer.kind, due_at: timer.due_at, met_at: timer.met_at ?? null }
  if (timer.met_at) {
    const late = (Date.parse(timer.met_at) - Date.parse(timer.due_at)) / 1000
    const overdue = timer.status === 'breached' && Number.isFinite(late) ? Math.max(0, late) : null
    return { ...base, status: timer.status, remaining: null, frozen: true, overdue }
  }
  const remaining0 = timer.remaining_seconds ?? null
  const frozen = timer.status === 'paused' || (paused && timer.basis === 'working')
  const overdueOf = (status: TimerStatus, remaining: number | null) =>
    status === 'breached' ? Math.max(0, -(remaining ?? 0)) : null
  if (remaining0 === null)
    return { ...base, status: timer.status, remaining: null, frozen: true, overdue: overdueOf(timer.status, null) }
  if (frozen)
    return { ...base, status: timer.status, remaining: remaining0, frozen: true, overdue: overdueOf(timer.status, remaining0) }
  const remaining = remaining0 - Math.max(0, now - fetchedAt) / 1000
  let status = timer.status
  if (remaining < 0) status = 'breached'
  else if (status === 'running') {
    const warnWindow = (Date.parse(timer.due_at) - Date.parse(timer.warn_at)) / 1000
    if (Number.isFinite(warnWindow) && remaining <= warnWindow) status = 'warning'
  }
  return { ...base, status, remaining, frozen: false, overdue: overdueOf(status, remaining) }
}

export type Tone = 'ok' | 'warning' | 'danger' | 'muted'

/** Green running, amber warning, red breached, grey paused or met. */
export function timerTone(status: TimerStatus): Tone {
  switch (status) {
    case 'running':
      return 'ok'
    case 'warning':
      return 'warning'
    case 'breached':
      return 'danger'
    default:
      return 'muted'
  }
}

/** The CSS class of a countdown (ComplaintCountdown.vue: .countdown--ok, --warning, --danger, --muted). */
export function countdownClass(status: TimerStatus): string {
  return `countdown--${timerTone(status)}`
}

type CountdownLike = Pick<LiveTimer, 'status' | 'remaining' | 'met_at'> & Partial<Pick<LiveTimer, 'overdue'>>

/**
 * The countdown's words: `complaints.countdown.<key>` with `{duration}`. A breached timer always says how late
 * (overdue, or met late), never "left", whatever the remainder says.
 */
export function countdownKey(live: CountdownLike): 'left' | 'overdue' | 'paused' | 'met' | 'metLate' {
  if (live.met_at) return live.status === 'breached' ? 'metLate' : 'met'
  if (live.status === 'breached') return 'overdue'
  if (live.status === 'paused') return 'paused'
  if (live.remaining !== null && live.remaining < 0) return 'overdue'
  return 'left'
}

export function formatCountdown(live: CountdownLike, t: Translate): string {
  const key = countdownKey(live)
  const seconds = key === 'overdue' || key === 'metLate' ? (live.overdue ?? live.remaining) : live.remaining
  const duration = seconds === null || seconds === undefined ? '' : formatDuration(seconds, t)
  return t(`complaints.countdown.${key}`, { duration })
}

const OPEN_TIMER_STATUSES: ReadonlySet<TimerStatus> = new Set(['running', 'warning', 'breached'])

/**
 * The timer the complaint is nearest to missing (or furthest past): the earliest deadline among its timers
 * not yet met that are running, warning or breached. Null when none is (all met, or paused).
 */
export function nearestTimer<T extends Pick<TimerLike, 'due_at' | 'status' | 'met_at'>>(timers: readonly T[]): T | null {
  let best: T | null = null
  for (const timer of timers) {
    if (timer.met_at || !OPEN_TIMER_STATUSES.has(timer.status)) continue
    if (best === null || Date.parse(timer.due_at) < Date.parse(best.due_at)) best = timer
  }
  return best
}

/**
 * The timer a list shows for a complaint. A breached complaint (the queue's "breached only" filter: a deadline
 * passed without being met, docs/domain.md section 7) shows a breached timer: an open one (how late now), else one met
 * late (how late it was met) - never the next, still green, deadline. Otherwise the nearest one, else a paused
 * one (shown grey, frozen), else none.
 */
export function shownTimer<T extends Pick<TimerLike, 'due_at' | 'status' | 'met_at'>>(timers: readonly T[]): T | null {
  const nearest = nearestTimer(timers)
  if (nearest?.status === 'breached') return nearest
  const metLate = timers.filter((x) => x.met_at && x.status === 'breached')
  metLate.sort((a, b) => Date.parse(b.due_at) - Date.parse(a.due_at))
  if (metLate[0]) return metLate[0]
  if (nearest) return nearest
  const paused = timers.filter((x) => !x.met_at && x.status === 'paused')
  paused.sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at))
  return paused[0] ?? null
}

/** The deadline still ahead when the shown timer is a breached one (a list's second line); null otherwise. */
export function nextTimer<T extends Pick<TimerLike, 'due_at' | 'status' | 'met_at'>>(timers: readonly T[]): T | null {
  const shown = shownTimer(timers)
  const nearest = nearestTimer(timers.filter((x) => x.status !== 'breached'))
  return shown && shown !== nearest && shown.status === 'breached' ? nearest : null
}

// --- the timeline as sentences ------------------------------------

export interface EventLike {
  kind: ComplaintEventKind
  timer_kind: TimerKind | null
  data: Record<string, unknown>
}

/** The i18n key of an event's sentence (`complaints.events.<key>`). */
export function eventSentenceKey(e: Pick<EventLike, 'kind' | 'data'>): string {
  if (e.kind === 'timer_escalated') return `complaints.events.timer_escalated_${Number(e.data.level) === 2 ? 'hq' : 'store'}`
  if (e.kind === 'timer_met' && e.data.on_time === false) return 'complaints.events.timer_met_late'
  if (e.kind === 'resolved' && !(Array.isArray(e.data.remedies) && e.data.remedies.length))
    return 'complaints.events.resolved_plain'
  return `complaints.events.${e.kind}`
}

export interface EventFormat {
  /** An instant in the company time zone. */
  dateTime: (iso: string) => string
  /** A remedy's amount in the company currency. */
  money: (amount: string) => string
}

/** The text the person wrote with the step (a note or a reason), shown under the sentence; '' when none. */
export function eventNote(e: Pick<EventLike, 'data'>): string {
  for (const k of ['note', 'reason'] as const) {
    const v = e.data[k]
    if (typeof v === 'string' && v.trim()) return v.trim()
  }
  return ''
}

/** One event of the timeline as a sentence in the UI language. */
export function eventSentence(e: EventLike, t: Translate, fmt: EventFormat): string {
  const data = e.data ?? {}
  const label = (prefix: string, v: unknown) => (typeof v === 'string' && v ? t(`complaints.${prefix}.${v}`) : '')
  const list = (items: string[]) => items.join(t('complaints.listSeparator'))
  const members = Array.isArray(data.members)
    ? list(
        (data.members as { name?: string; department?: string }[]).map((m) =>
          t('complaints.events.member', { name: m.name ?? '', department: label('departments', m.department) }),
        ),
      )
    : ''
  const remedies = Array.isArray(data.remedies)
    ? list(
        (data.remedies as { kind?: string; amount?: string }[]).map((r) =>
          t('complaints.events.remedy', { kind: label('remedyKinds', r.kind), amount: fmt.money(String(r.amount ?? '0')) }),
        ),
      )
    : ''
  const due = typeof data.due_at === 'string' ? fmt.dateTime(data.due_at) : ''
  return t(eventSentenceKey(e), {
    timer: label('timerKinds', e.timer_kind),
    severity: label('severities', data.severity),
    channel: label('channels', data.channel),
    due,
    members,
    remedies,
    satisfaction: typeof data.satisfaction === 'number' ? data.satisfaction : String(data.satisfaction ?? ''),
  })
}

// --- the queue's filters in the URL -------------------------------------------------------

export interface QueueFilters {
  mine: boolean
  /** Received by the caller's own unit (or one under it). */
  store: boolean
  major: boolean
  breached: boolean
  /** Not yet resolved or closed: on unless the URL says `open=0`. */
  open: boolean
  q: string
}

export const QUEUE_FILTER_KEYS = ['mine', 'store', 'major', 'breached', 'open', 'q'] as const

const first = (v: LocationQuery[string] | undefined): string | null => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null))
const flag = (v: LocationQuery[string] | undefined) => {
  const s = first(v)
  return s === '1' || s === 'true'
}

export function queueFiltersFromQuery(query: LocationQuery): QueueFilters {
  const open = first(query.open)
  return {
    mine: flag(query.mine),
    store: flag(query.store),
    major: flag(query.major),
    breached: flag(query.breached),
    open: !(open === '0' || open === 'false'),
    q: (first(query.q) ?? '').trim(),
  }
}

/** The URL query of the filters: only what differs from the defaults, so the plain queue has a clean URL. */
export function queueFiltersToQuery(f: QueueFilters): LocationQueryRaw {
  const out: LocationQueryRaw = {}
  if (f.mine) out.mine = '1'
  if (f.store) out.store = '1'
  if (f.major) out.major = '1'
  if (f.breached) out.breached = '1'
  if (!f.open) out.open = '0'
  if (f.q.trim()) out.q = f.q.trim()
  return out
}

/** GET /complaints parameters of the filters; "my store" needs the caller's org unit (GET /me). */
export function queueListParams(f: QueueFilters, orgUnitId: number | null | undefined): ComplaintListQuery {
  const out: ComplaintListQuery = {}
  if (f.mine) out.mine = true
  if (f.store && orgUnitId) out.org_unit_id = orgUnitId
  if (f.major) out.severity = 'major'
  if (f.breached) out.breached = true
  if (f.open) out.open = true
  if (f.q.trim()) out.q = f.q.trim()
  return out
}

// --- wall times in the company time zone (the forms' date pickers) -------------------------

const partsCache = new Map<string, Intl.DateTimeFormat>()

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partsCache.set(timeZone, f)
  }
  return f
}

function zoneParts(timeZone: string, ms: number) {
  const parts = zoneFormatter(timeZone).formatToParts(new Date(ms))
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour') % 24, mi: get('minute'), s: get('second') }
}

/** The zone's offset from UTC at an instant, in minutes (+480 for Asia/Shanghai). */
export function zoneOffsetMinutes(timeZone: string, ms: number): number {
  const p = zoneParts(timeZone, ms)
  const asUtc = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s)
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000)
}

/** An instant as the zone's wall time, `YYYY-MM-DD HH:mm` (what the date-time pickers hold). */
export function toWallTime(instant: Date | string | number, timeZone: string): string {
  const p = zoneParts(timeZone, new Date(instant).getTime())
  return `${p.y}-${pad2(p.mo)}-${pad2(p.d)} ${pad2(p.h)}:${pad2(p.mi)}`
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/

/**
 * A wall time of the zone (`YYYY-MM-DD HH:mm[:ss]`) as ISO 8601 with the zone's offset then
 * (`2026-05-04T09:30:00+08:00`); null when it is not a wall time.
 */
export function wallTimeToIso(wall: string, timeZone: string): string | null {
  const m = WALL.exec(wall.trim())
  if (!m) return null
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const naive = Date.UTC(y, mo - 1, d, h, mi, s)
  let offset = zoneOffsetMinutes(timeZone, naive)
  const again = zoneOffsetMinutes(timeZone, naive - offset * 60_000)
  if (again !== offset) offset = again
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad2(s)}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
}
