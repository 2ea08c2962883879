/**
 * SLA (complaint timers): business-calendar working windows ("09:00-12:00") and the calendar form, SLA policy
 * targets and the policy form, and the SLA report's numbers as chart series and ECharts options.
 * Pure functions mirroring the server's rules (domain/sla.py WorkingWindow, BusinessCalendar.problems,
 * domain/complaints.py SlaPolicy.problems) so the editors can show a problem before saving; views bind
 * labels, locale and formats.
 */
import {
  REMEDY_KINDS,
  SEVERITIES,
  TIMER_KINDS,
  type RemedyKind,
  type Severity,
  type SlaDayKind,
  type SlaTargetUnit,
  type TimerKind,
} from '@/api/types'
import { horizontalBarsOption } from '@/lib/charts'
import type { ChartOption } from '@/lib/echarts'
import { addDays, toNumber } from '@/lib/format'
import { cleanTranslations, type NameTranslations } from '@/i18n/names'

export const TARGET_UNITS = ['clock_hours', 'working_hours', 'working_days'] as const satisfies readonly SlaTargetUnit[]
export type TargetUnitKey = (typeof TARGET_UNITS)[number]
export const DAY_KINDS = ['holiday', 'working'] as const satisfies readonly SlaDayKind[]
export type DayKindKey = (typeof DAY_KINDS)[number]

/** Time zones offered in the calendar editor (any other IANA name can be typed). */
export const COMMON_TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Macau',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Bangkok',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Australia/Sydney',
  'UTC',
] as const

/** The zones the calendar editor offers: the company's first, then the common ones. */
export function timeZoneChoices(companyZone: string): string[] {
  return [...new Set([companyZone, ...COMMON_TIME_ZONES])]
}

export const MINUTES_PER_DAY = 1440
/** The server accepts at most this many windows per day. */
export const MAX_WINDOWS_PER_DAY = 6
/** Weekdays as the API orders them (index 0 = Monday). */
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const

// --- working windows ---------------------------------------------------------------------------------------

/** A working window in minutes after local midnight; 1440 is the next midnight. */
export interface WorkingWindow {
  start: number
  end: number
}

/** Why a window is not accepted: not `HH:MM-HH:MM`, not a time of day, not ending after it starts, or
 * overlapping (or out of order with) another window of the same day. */
export type WindowProblem = 'format' | 'time' | 'order' | 'overlap'

const WINDOW = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/
const CLOCK = /^\s*(\d{1,2}):(\d{2})\s*$/

/** `"09:30"` as minutes after midnight (570); `"24:00"` is 1440 only when `asEnd`; null when not a time. */
export function parseClock(text: string | null | undefined, asEnd = false): number | null {
  const m = CLOCK.exec(text ?? '')
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  if (min > 59) return null
  if (h < 24) return h * 60 + min
  return asEnd && h === 24 && min === 0 ? MINUTES_PER_DAY : null
}

/** Minutes after midnight as `HH:MM` (1440 -> `24:00`). */
export function formatClock(minutes: number): string {
  const m = Math.max(0, Math.min(MINUTES_PER_DAY, Math.round(minutes)))
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}

/** A time typed or picked (`"9:5"` is not one, `"9:05"` is) in the canonical `HH:MM`; null when not a time. */
export function normalizeClock(text: string | null | undefined, asEnd = false): string | null {
  const m = parseClock(text, asEnd)
  return m === null ? null : formatClock(m)
}

/** What is wrong with one window on its own (null: it is a window). */
export function windowProblem(text: string): Exclude<WindowProblem, 'overlap'> | null {
  const m = WINDOW.exec(text)
  if (!m) return 'format'
  const [sh, sm, eh, em] = m.slice(1).map(Number) as [number, number, number, number]
  if (sm > 59 || em > 59 || sh > 23 || eh > 24 || (eh === 24 && em > 0)) return 'time'
  if (sh * 60 + sm >= eh * 60 + em) return 'order'
  return null
}

/** `"09:00-12:00"` as minutes; null when it is not a valid window. */
export function parseWindow(text: string): WorkingWindow | null {
  if (windowProblem(text) !== null) return null
  const [sh, sm, eh, em] = WINDOW.exec(text)!.slice(1).map(Number) as [number, number, number, number]
  return { start: sh * 60 + sm, end: eh * 60 + em }
}

/** A window as the API writes it (`09:00-12:00`). */
export function formatWindow(w: WorkingWindow): string {
  return `${formatClock(w.start)}-${formatClock(w.end)}`
}

/** The canonical text of a window (`" 9:00 - 12:00"` -> `09:00-12:00`); the text as is when it is not one. */
export function normalizeWindow(text: string): string {
  const w = parseWindow(text)
  return w ? formatWindow(w) : text.trim()
}

/** Valid windows by start time (then end), canonical text; invalid ones after them, as they were. */
export function sortWindows(texts: readonly string[]): string[] {
  const valid = texts.map((t) => parseWindow(t)).filter((w): w is WorkingWindow => w !== null)
  valid.sort((a, b) => a.start - b.start || a.end - b.end)
  return [...valid.map(formatWindow), ...texts.filter((t) => parseWindow(t) === null)]
}

/** Index pairs `[i, j]` (i < j, input order) of valid windows that share some time (touching is fine). */
export function overlappingPairs(texts: readonly string[]): [number, number][] {
  const parsed = texts.map((t) => parseWindow(t))
  const pairs: [number, number][] = []
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      const a = parsed[i]
      const b = parsed[j]
      if (a && b && a.start < b.end && b.start < a.end) pairs.push([i, j])
    }
  }
  return pairs
}

/** The problem of each window of one day (null where there is none), overlaps included. */
export function windowsProblems(texts: readonly string[]): (WindowProblem | null)[] {
  const out: (WindowProblem | null)[] = texts.map((t) => windowProblem(t))
  for (const [i, j] of overlappingPairs(texts)) {
    out[i] = out[i] ?? 'overlap'
    out[j] = out[j] ?? 'overlap'
  }
  return out
}

/** Working minutes of one day's windows (valid windows; overlapping time counted once). */
export function windowsMinutes(texts: readonly string[]): number {
  const parsed = texts.map((t) => parseWindow(t)).filter((w): w is WorkingWindow => w !== null)
  parsed.sort((a, b) => a.start - b.start)
  let total = 0
  let reached = 0
  for (const w of parsed) {
    const start = Math.max(w.start, reached)
    if (w.end > start) total += w.end - start
    reached = Math.max(reached, w.end)
  }
  return total
}

/** The standard working day: the first weekday (Monday first) with any window, as the server defines it;
 * null when the week has no working time. */
export function standardDay(week: readonly (readonly string[])[]): number | null {
  const i = week.findIndex((day) => day.some((w) => parseWindow(w) !== null))
  return i < 0 ? null : i
}

/** Hours of one working day (what "N working days" multiplies): the standard day's windows. */
export function workingDayHours(week: readonly (readonly string[])[]): number {
  const i = standardDay(week)
  return i === null ? 0 : windowsMinutes(week[i]!) / 60
}

/** Runs of consecutive weekdays with the same windows (days off left out), for a one-line summary. */
export function weekRuns(week: readonly (readonly string[])[]): { from: number; to: number; windows: string[] }[] {
  const runs: { from: number; to: number; windows: string[] }[] = []
  week.forEach((day, i) => {
    const windows = sortWindows(day)
    if (!windows.length) return
    const last = runs[runs.length - 1]
    if (last && last.to === i - 1 && last.windows.join() === windows.join()) last.to = i
    else runs.push({ from: i, to: i, windows })
  })
  return runs
}

/** `"09:00-12:00, 13:30-18:00"` (commas, semicolons, 、 or spaces between) as a list of windows. */
export function parseWindowList(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/[,;，；、\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(normalizeWindow)
}

/** Every `HH:MM` from 00:00 to 24:00 in steps of `step` minutes (the time selects' options). */
export function timeOptions(step = 15, { from = 0, to = MINUTES_PER_DAY } = {}): string[] {
  const out: string[] = []
  for (let m = from; m <= to; m += step) out.push(formatClock(m))
  return out
}

// --- the calendar form -------------------------------------------------------------------------------------

export interface WindowDraft {
  start: string
  end: string
}

export interface DayDraft {
  /** `YYYY-MM-DD`; null until picked. */
  day: string | null
  kind: DayKindKey
  name: string
  /** Adjusted working days only: `"09:00-12:00, 13:00-18:00"`; blank = the standard working day. */
  windows: string
  /** From the holidays package (shown as its source; the server keeps it so while unchanged). */
  imported: boolean
}

export interface CalendarDraft {
  name: string
  /** The name in the UI's languages (locale -> name); the form edits the English one. */
  name_translations: NameTranslations
  time_zone: string
  /** Monday first, 7 entries. */
  week: WindowDraft[][]
  days: DayDraft[]
}

export interface CalendarLike {
  name: string
  name_translations?: NameTranslations
  time_zone: string
  week: string[][]
  days: { day: string; kind: DayKindKey; name: string; windows: string[]; imported?: boolean }[]
}

export interface CalendarBodyLike {
  name: string
  name_translations: NameTranslations
  time_zone: string
  week: string[][]
  days: { day: string; kind: DayKindKey; name: string; windows: string[] }[]
}

/** Monday to Friday 09:00-18:00, the company's default (and the seed's standard calendar). */
export const DEFAULT_WEEK: readonly (readonly string[])[] = [
  ['09:00-18:00'],
  ['09:00-18:00'],
  ['09:00-18:00'],
  ['09:00-18:00'],
  ['09:00-18:00'],
  [],
  [],
]

function windowDraft(text: string): WindowDraft {
  const i = text.indexOf('-')
  if (i < 0) return { start: text.trim(), end: '' }
  return { start: text.slice(0, i).trim(), end: text.slice(i + 1).trim() }
}

/** The form of a calendar (days by date), or of a new one (the default week in `timeZone`, the company's). */
export function toCalendarDraft(c: CalendarLike | null | undefined, timeZone: string): CalendarDraft {
  const week = c?.week ?? DEFAULT_WEEK
  return {
    name: c?.name ?? '',
    name_translations: { ...c?.name_translations },
    time_zone: c?.time_zone ?? timeZone,
    week: WEEKDAYS.map((i) => (week[i] ?? []).map(windowDraft)),
    days: [...(c?.days ?? [])]
      .sort((a, b) => a.day.localeCompare(b.day))
      .map((d) => ({ day: d.day, kind: d.kind, name: d.name, windows: d.windows.join(', '), imported: !!d.imported })),
  }
}

/** The windows of a form day as the API writes them. */
export function draftWindows(day: readonly WindowDraft[]): string[] {
  return day.map((w) => `${w.start.trim()}-${w.end.trim()}`)
}

/** The form's week as the API's `week` (windows in order). */
export function draftWeek(d: CalendarDraft): string[][] {
  return d.week.map((day) => sortWindows(draftWindows(day)))
}

/** The request body: windows sorted; days in the form's order (so a 422 `days.3` is the form's 4th row). */
export function toCalendarBody(d: CalendarDraft): CalendarBodyLike {
  return {
    name: d.name.trim(),
    name_translations: cleanTranslations(d.name_translations),
    time_zone: d.time_zone.trim(),
    week: draftWeek(d),
    days: d.days.map((x) => ({
      day: x.day ?? '',
      kind: x.kind,
      name: x.name.trim(),
      windows: x.kind === 'working' ? sortWindows(parseWindowList(x.windows)) : [],
    })),
  }
}

export type CalendarProblem = 'required' | WindowProblem | 'noWorkingTime' | 'tooManyWindows' | 'duplicateDay' | 'holidayWindows'

/**
 * What the server would reject, by field path as its 422 names them: `name`, `time_zone`, `week` (no working
 * time at all), `week.<day>.<n>` (a window), `days.<n>.day` (missing or listed twice), `days.<n>.windows`.
 */
export function calendarProblems(d: CalendarDraft): Record<string, CalendarProblem> {
  const out: Record<string, CalendarProblem> = {}
  if (!d.name.trim()) out.name = 'required'
  if (!d.time_zone.trim()) out.time_zone = 'required'
  d.week.forEach((day, i) => {
    if (day.length > MAX_WINDOWS_PER_DAY) out[`week.${i}`] = 'tooManyWindows'
    windowsProblems(draftWindows(day)).forEach((p, j) => {
      if (p) out[`week.${i}.${j}`] = p
    })
  })
  if (standardDay(draftWeek(d)) === null) out.week = 'noWorkingTime'
  const seen = new Set<string>()
  d.days.forEach((x, i) => {
    if (!x.day) out[`days.${i}.day`] = 'required'
    else if (seen.has(x.day)) out[`days.${i}.day`] = 'duplicateDay'
    if (x.day) seen.add(x.day)
    if (x.kind === 'working') {
      const list = parseWindowList(x.windows)
      const p = windowsProblems(list).find((q) => q !== null)
      if (p) out[`days.${i}.windows`] = p
      else if (list.length > MAX_WINDOWS_PER_DAY) out[`days.${i}.windows`] = 'tooManyWindows'
    }
  })
  return out
}

/** Whether the form differs from the saved calendar (what a save would change). */
export function calendarChanged(saved: CalendarLike | null | undefined, d: CalendarDraft): boolean {
  if (!saved) return true
  const a = toCalendarBody(toCalendarDraft(saved, saved.time_zone))
  const b = toCalendarBody(d)
  return JSON.stringify(a) !== JSON.stringify(b)
}

// --- policies ------------------------------------------------------------------------------------------------

export interface TargetLike {
  amount: string | number
  unit: TargetUnitKey
}

export interface PolicyLike {
  id: number
  name: string
  name_translations?: NameTranslations
  severity: Severity
  key_account_level: string | null
  category: string | null
  calendar_id: number
  targets: Partial<Record<string, TargetLike>>
  warn_percent: number
  hq_escalation_hours: string | number
  active: boolean
}

/** The timers a policy of this severity has: confirmation only for major complaints. */
export function timerKindsFor(severity: Severity): TimerKind[] {
  return TIMER_KINDS.filter((k) => k !== 'confirmation' || severity === 'major')
}

/** A target as a phrase (`24 clock hours`); `fmt` words the amount (already a number, `"24.00"` -> 24) and unit. */
export function targetText(
  target: TargetLike | null | undefined,
  fmt: (amount: number, unit: TargetUnitKey) => string,
  none = '—',
): string {
  if (!target) return none
  const n = toNumber(target.amount)
  return n === null ? none : fmt(n, target.unit)
}

/**
 * A policy's targets in timer order (first response / confirmation / resolution) as one line:
 * `24 clock hours / 4 working hours / 3 working days`. A general policy has no confirmation: its slot is
 * left out (`24 clock hours / 5 working days`) unless `keepSlots`, which shows it as `none`.
 */
export function targetsText(
  targets: Partial<Record<string, TargetLike>>,
  fmt: (amount: number, unit: TargetUnitKey) => string,
  { keepSlots = false, none = '—', separator = ' / ' } = {},
): string {
  return TIMER_KINDS.filter((k) => keepSlots || targets[k])
    .map((k) => targetText(targets[k], fmt, none))
    .join(separator)
}

/** Policies as the table lists them: general before major, the generic (any level, any category) first, then
 * the more specific, active before inactive, then by name. */
export function sortPolicies<T extends PolicyLike>(items: readonly T[]): T[] {
  const specificity = (p: T) => (p.key_account_level !== null ? 1 : 0) + (p.category !== null ? 1 : 0)
  return [...items].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      specificity(a) - specificity(b) ||
      Number(b.active) - Number(a.active) ||
      a.name.localeCompare(b.name) ||
      a.id - b.id,
  )
}

export interface TargetDraft {
  amount: number | null
  unit: TargetUnitKey
}

export interface PolicyDraft extends Record<string, unknown> {
  name: string
  name_translations: NameTranslations
  severity: Severity
  /** '' = any level. */
  key_account_level: string
  /** '' = any category. */
  category: string
  calendar_id: number | null
  targets: Record<TimerKind, TargetDraft>
  warn_percent: number | null
  hq_escalation_hours: number | null
  active: boolean
}

export interface PolicyBodyLike {
  name: string
  name_translations: NameTranslations
  severity: Severity
  key_account_level: string | null
  category: string | null
  calendar_id: number
  targets: Partial<Record<TimerKind, { amount: number; unit: TargetUnitKey }>>
  warn_percent: number
  hq_escalation_hours: number
  active: boolean
}

/** The defaults of a new policy (docs/domain.md section 7: first response within 24 hours; a major complaint
 * confirmed within 4 working hours and resolved within 3 working days). */
export const DEFAULT_TARGETS: Record<TimerKind, TargetDraft> = {
  first_response: { amount: 24, unit: 'clock_hours' },
  confirmation: { amount: 4, unit: 'working_hours' },
  resolution: { amount: 5, unit: 'working_days' },
}

/** The form of a policy, or of a new one on `calendarId`. */
export function toPolicyDraft(p: PolicyLike | null | undefined, calendarId: number | null = null): PolicyDraft {
  const targets = {} as Record<TimerKind, TargetDraft>
  for (const k of TIMER_KINDS) {
    const t = p?.targets[k]
    targets[k] = t ? { amount: toNumber(t.amount), unit: t.unit } : { ...DEFAULT_TARGETS[k] }
  }
  return {
    name: p?.name ?? '',
    name_translations: { ...p?.name_translations },
    severity: p?.severity ?? 'general',
    key_account_level: p?.key_account_level ?? '',
    category: p?.category ?? '',
    calendar_id: p?.calendar_id ?? calendarId,
    targets,
    warn_percent: p?.warn_percent ?? 75,
    hq_escalation_hours: p ? toNumber(p.hq_escalation_hours) : 24,
    active: p?.active ?? true,
  }
}

/** The request body: only the severity's timers (a general policy sends no confirmation target). */
export function toPolicyBody(d: PolicyDraft): PolicyBodyLike {
  const targets: PolicyBodyLike['targets'] = {}
  for (const k of timerKindsFor(d.severity)) {
    const t = d.targets[k]
    targets[k] = { amount: t.amount ?? 0, unit: t.unit }
  }
  return {
    name: d.name.trim(),
    name_translations: cleanTranslations(d.name_translations),
    severity: d.severity,
    key_account_level: d.key_account_level || null,
    category: d.category || null,
    calendar_id: d.calendar_id ?? 0,
    targets,
    warn_percent: d.warn_percent ?? 0,
    hq_escalation_hours: d.hq_escalation_hours ?? 0,
    active: d.active,
  }
}

export type PolicyProblem = 'required' | 'positive' | 'warnPercent' | 'notNegative' | 'tooLarge'

/** What the server would reject, by the field paths of its 422 (`targets.confirmation.amount` ...). */
export function policyProblems(d: PolicyDraft): Record<string, PolicyProblem> {
  const out: Record<string, PolicyProblem> = {}
  if (!d.name.trim()) out.name = 'required'
  if (d.calendar_id === null) out.calendar_id = 'required'
  for (const k of timerKindsFor(d.severity)) {
    const a = d.targets[k].amount
    if (a === null || !Number.isFinite(a)) out[`targets.${k}.amount`] = 'required'
    else if (a <= 0) out[`targets.${k}.amount`] = 'positive'
    else if (a >= 10_000) out[`targets.${k}.amount`] = 'tooLarge'
  }
  const w = d.warn_percent
  if (w === null || !Number.isInteger(w) || w < 1 || w > 99) out.warn_percent = 'warnPercent'
  const h = d.hq_escalation_hours
  if (h === null || !Number.isFinite(h)) out.hq_escalation_hours = 'required'
  else if (h < 0) out.hq_escalation_hours = 'notNegative'
  else if (h >= 10_000) out.hq_escalation_hours = 'tooLarge'
  return out
}

// --- the report --------------------------------------------------------------------------------------------

/** `YYYY-MM-DD`? */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

/** The server's default period: the 12 weeks (84 days) up to and including `today`. */
export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: addDays(today, -83), to: today }
}

/** The Monday of the week of a date (`YYYY-MM-DD`). */
export function weekStart(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number)
  const weekday = (new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1)).getUTCDay() + 6) % 7 // Monday 0
  return addDays(isoDate, -weekday)
}

/** Every week (its Monday) that has a day in `since..until`, oldest first. */
export function weekStarts(since: string, until: string): string[] {
  if (!isIsoDate(since) || !isIsoDate(until) || until < since) return []
  const out: string[] = []
  for (let w = weekStart(since); w <= until; w = addDays(w, 7)) out.push(w)
  return out
}

export interface TimerReportLike {
  kind: TimerKind
  timers: number
  met_on_time: number
  met_late: number
  breached_open: number
  running: number
  on_time_rate: number | null
  median_hours: number | null
  p90_hours: number | null
}

/** The three timers in order; a kind the report does not have (no complaint got that timer) as zeros. */
export function timerRows(timers: readonly TimerReportLike[]): TimerReportLike[] {
  return TIMER_KINDS.map(
    (kind) =>
      timers.find((t) => t.kind === kind) ?? {
        kind,
        timers: 0,
        met_on_time: 0,
        met_late: 0,
        breached_open: 0,
        running: 0,
        on_time_rate: null,
        median_hours: null,
        p90_hours: null,
      },
  )
}

/** Timers decided so far: met (on time or late) or breached while still open. */
export function decided(t: TimerReportLike): number {
  return t.met_on_time + t.met_late + t.breached_open
}

export interface WeekTrendLike {
  week_start: string
  received: number
  breaches: number
  first_response_on_time_rate: number | null
}

export interface WeeklySeries {
  /** Mondays, oldest first, no gaps. */
  weeks: string[]
  received: number[]
  breaches: number[]
  /** First-response on-time rate 0..1; null for a week without a decided first response. */
  onTimeRate: (number | null)[]
}

/** The weekly trend with every week of the period (the API lists them all, zeros included; any it leaves out is
 * filled with zeros). A week without a decided first response has a null rate (a gap in the line, not 0 %). */
export function weeklySeries(report: { since: string; until: string; weeks: readonly WeekTrendLike[] }): WeeklySeries {
  const byWeek = new Map(report.weeks.map((w) => [w.week_start, w] as const))
  const all = new Set(weekStarts(report.since, report.until))
  for (const w of report.weeks) all.add(w.week_start)
  const weeks = [...all].sort()
  return {
    weeks,
    received: weeks.map((w) => byWeek.get(w)?.received ?? 0),
    breaches: weeks.map((w) => byWeek.get(w)?.breaches ?? 0),
    onTimeRate: weeks.map((w) => byWeek.get(w)?.first_response_on_time_rate ?? null),
  }
}

export interface BreachCountLike {
  id: number | null
  name: string
  complaints: number
  breaches: number
}

/** The `n` rows with the most breaches (then complaints, then name); rows without a breach left out. */
export function topBreaches<T extends BreachCountLike>(rows: readonly T[], n = 10): T[] {
  return rows
    .filter((r) => r.breaches > 0)
    .sort((a, b) => b.breaches - a.breaches || b.complaints - a.complaints || a.name.localeCompare(b.name))
    .slice(0, n)
}

export interface RemedyTotalLike {
  kind: RemedyKind
  complaints: number
  amount: string | number
}

export interface RemedyRow {
  kind: RemedyKind
  complaints: number
  amount: number
}

/** Remedies in the fixed kind order, amounts as numbers; kinds without a remedy left out. */
export function remedyRows(remedies: readonly RemedyTotalLike[]): RemedyRow[] {
  return REMEDY_KINDS.flatMap((kind) => {
    const mine = remedies.filter((r) => r.kind === kind)
    if (!mine.length) return []
    const amount = mine.reduce((s, r) => s + (toNumber(r.amount) ?? 0), 0)
    return [{ kind, complaints: mine.reduce((s, r) => s + r.complaints, 0), amount: Math.round(amount * 100) / 100 }]
  })
}

// --- chart options -----------------------------------------------------------------------------------------

export const SLA_COLOURS = {
  onTime: '#67c23a',
  late: '#e6a23c',
  breached: '#f56c6c',
  running: '#909399',
  received: '#409eff',
  median: '#409eff',
  p90: '#8c7ae6',
  rate: '#2e8b57',
  remedy: '#b8860b',
}

export interface SlaFormat {
  integer: (n: number) => string
  /** A share 0..1 as `87.5%`. */
  percent: (n: number) => string
  /** A plain number (`10.4`). */
  decimal: (n: number) => string
  /** Hours (`12.5 h`). */
  hours: (n: number) => string
  money: (n: number) => string
  compact: (n: number) => string
}

type TooltipItem = { dataIndex?: number; seriesIndex?: number; seriesName?: string; marker?: string; value?: unknown }
const itemsOf = (params: unknown) => (Array.isArray(params) ? params : [params]) as TooltipItem[]
const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : 0)

export interface OnTimeChartLabels {
  kind: (k: TimerKind) => string
  onTime: string
  late: string
  breachedOpen: string
  running: string
  rate: string
}

/**
 * Per timer: of the timers decided, the shares met on time, met late and breached while open (stacked to
 * 100 %); the on-time share is the on-time rate. The tooltip has the counts and the timers still running.
 * A timer with none decided (rate null) has no bar and `—` as its rate.
 */
export function onTimeChartOption(rows: readonly TimerReportLike[], labels: OnTimeChartLabels, fmt: SlaFormat): ChartOption {
  const parts = [
    { name: labels.onTime, colour: SLA_COLOURS.onTime, count: (t: TimerReportLike) => t.met_on_time },
    { name: labels.late, colour: SLA_COLOURS.late, count: (t: TimerReportLike) => t.met_late },
    { name: labels.breachedOpen, colour: SLA_COLOURS.breached, count: (t: TimerReportLike) => t.breached_open },
  ]
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, data: parts.map((p) => p.name) },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const t = rows[itemsOf(params)[0]?.dataIndex ?? -1]
        if (!t) return ''
        return [
          `<b>${labels.kind(t.kind)}</b>`,
          `${labels.rate}: <b>${t.on_time_rate === null ? '—' : fmt.percent(t.on_time_rate)}</b>`,
          ...parts.map((p) => `${p.name}: <b>${fmt.integer(p.count(t))}</b>`),
          `${labels.running}: <b>${fmt.integer(t.running)}</b>`,
        ].join('<br/>')
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      axisLabel: { formatter: '{value}%' },
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    yAxis: { type: 'category', inverse: true, data: rows.map((t) => labels.kind(t.kind)), axisTick: { show: false } },
    series: parts.map((p, i) => ({
      type: 'bar' as const,
      name: p.name,
      stack: 'decided',
      barMaxWidth: 28,
      itemStyle: { color: p.colour },
      // No bar for a timer none of which is decided yet (its rate is null, not 0 %).
      data: rows.map((t) => (decided(t) > 0 ? share(p.count(t), decided(t)) : null)),
      label:
        i === 0
          ? {
              show: true,
              position: 'insideLeft' as const,
              color: '#fff',
              formatter: (x: { dataIndex?: number }) => {
                const t = rows[x.dataIndex ?? -1]
                return t && t.on_time_rate !== null && t.on_time_rate > 0.12 ? fmt.percent(t.on_time_rate) : ''
              },
            }
          : { show: false },
    })),
  }
}

export interface DurationChartLabels {
  kind: (k: TimerKind) => string
  median: string
  p90: string
  /** The value axis's name (`hours`). */
  unit: string
}

/** Median and 90th-percentile hours from the complaint to each timer met (grouped bars). */
export function durationChartOption(rows: readonly TimerReportLike[], labels: DurationChartLabels, fmt: SlaFormat): ChartOption {
  const value = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10)
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
    legend: { top: 0, data: [labels.median, labels.p90] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (v === null || v === undefined || v === '-' ? '—' : fmt.hours(Number(v))),
    },
    xAxis: { type: 'category', data: rows.map((t) => labels.kind(t.kind)), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', name: labels.unit, nameTextStyle: { align: 'left' }, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [
      {
        type: 'bar',
        name: labels.median,
        data: rows.map((t) => value(t.median_hours)),
        barMaxWidth: 32,
        itemStyle: { color: SLA_COLOURS.median, borderRadius: [3, 3, 0, 0] },
        label: {
          show: true,
          position: 'top',
          formatter: (p: { value?: unknown }) => (p.value === null || p.value === undefined ? '' : fmt.decimal(Number(p.value))),
        },
      },
      {
        type: 'bar',
        name: labels.p90,
        data: rows.map((t) => value(t.p90_hours)),
        barMaxWidth: 32,
        itemStyle: { color: SLA_COLOURS.p90, borderRadius: [3, 3, 0, 0] },
        label: {
          show: true,
          position: 'top',
          formatter: (p: { value?: unknown }) => (p.value === null || p.value === undefined ? '' : fmt.decimal(Number(p.value))),
        },
      },
    ],
  }
}

export interface WeeklyChartLabels {
  /** The axis label of a week (its Monday). */
  week: (monday: string) => string
  /** The tooltip's title of a week; defaults to `week`. */
  weekTitle?: (monday: string) => string
  received: string
  breaches: string
  rate: string
}

/** Complaints received and breaches per week (bars, left axis) and the first-response on-time rate (line,
 * right axis 0-100 %; a gap where no first response was decided). */
export function weeklyChartOption(s: WeeklySeries, labels: WeeklyChartLabels, fmt: SlaFormat): ChartOption {
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, data: [labels.received, labels.breaches, labels.rate] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const i = itemsOf(params)[0]?.dataIndex ?? -1
        if (i < 0 || i >= s.weeks.length) return ''
        const rate = s.onTimeRate[i]
        return [
          `<b>${(labels.weekTitle ?? labels.week)(s.weeks[i]!)}</b>`,
          `${labels.received}: <b>${fmt.integer(s.received[i]!)}</b>`,
          `${labels.breaches}: <b>${fmt.integer(s.breaches[i]!)}</b>`,
          `${labels.rate}: <b>${rate === null || rate === undefined ? '—' : fmt.percent(rate)}</b>`,
        ].join('<br/>')
      },
    },
    xAxis: { type: 'category', data: s.weeks.map(labels.week), axisTick: { alignWithLabel: true } },
    yAxis: [
      { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: labels.received,
        yAxisIndex: 0,
        data: s.received,
        barMaxWidth: 20,
        itemStyle: { color: SLA_COLOURS.received, borderRadius: [3, 3, 0, 0] },
      },
      {
        type: 'bar',
        name: labels.breaches,
        yAxisIndex: 0,
        data: s.breaches,
        barMaxWidth: 20,
        itemStyle: { color: SLA_COLOURS.breached, borderRadius: [3, 3, 0, 0] },
      },
      {
        type: 'line',
        name: labels.rate,
        yAxisIndex: 1,
        data: s.onTimeRate.map((r) => (r === null ? null : Math.round(r * 1000) / 10)),
        connectNulls: false,
        showSymbol: true,
        itemStyle: { color: SLA_COLOURS.rate },
      },
    ],
  }
}

export interface BreachChartLabels {
  name: (row: BreachCountLike) => string
  breaches: string
  complaints: string
}

/** Breaches per store or account manager, most first, as horizontal bars (complaints in the tooltip). */
export function breachChartOption(rows: readonly BreachCountLike[], labels: BreachChartLabels, fmt: SlaFormat): ChartOption {
  return horizontalBarsOption(
    rows.map((r) => ({
      label: labels.name(r),
      value: r.breaches,
      colour: SLA_COLOURS.breached,
      tooltip: `<b>${labels.name(r)}</b><br/>${labels.breaches}: <b>${fmt.integer(r.breaches)}</b><br/>${labels.complaints}: <b>${fmt.integer(r.complaints)}</b>`,
    })),
    labels.breaches,
    fmt.integer,
    { barMaxWidth: 16, labelWidth: 140 },
  )
}

export interface RemedyChartLabels {
  kind: (k: RemedyKind) => string
  amount: string
  complaints: string
}

/** Remedy amounts per kind (bars, money in the tooltip and labels). */
export function remedyChartOption(rows: readonly RemedyRow[], labels: RemedyChartLabels, fmt: SlaFormat): ChartOption {
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const r = rows[itemsOf(params)[0]?.dataIndex ?? -1]
        if (!r) return ''
        return `<b>${labels.kind(r.kind)}</b><br/>${labels.amount}: <b>${fmt.money(r.amount)}</b><br/>${labels.complaints}: <b>${fmt.integer(r.complaints)}</b>`
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => labels.kind(r.kind)), axisTick: { alignWithLabel: true } },
    yAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => fmt.compact(v) },
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    series: [
      {
        type: 'bar',
        name: labels.amount,
        data: rows.map((r) => r.amount),
        barMaxWidth: 40,
        itemStyle: { color: SLA_COLOURS.remedy, borderRadius: [3, 3, 0, 0] },
        label: { show: true, position: 'top', formatter: (p: { value?: unknown }) => fmt.money(Number(p.value ?? 0)) },
      },
    ],
  }
}
