import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/locales/zh-CN'
import en from '@/i18n/locales/en'
import {
  breachChartOption,
  calendarChanged,
  calendarProblems,
  decided,
  defaultPeriod,
  durationChartOption,
  formatClock,
  isIsoDate,
  normalizeClock,
  normalizeWindow,
  onTimeChartOption,
  overlappingPairs,
  parseClock,
  parseWindow,
  parseWindowList,
  policyProblems,
  remedyChartOption,
  remedyRows,
  sortPolicies,
  sortWindows,
  standardDay,
  targetsText,
  timeOptions,
  timerKindsFor,
  timerRows,
  toCalendarBody,
  toCalendarDraft,
  toPolicyBody,
  toPolicyDraft,
  topBreaches,
  weekRuns,
  weekStart,
  weekStarts,
  weeklyChartOption,
  weeklySeries,
  windowProblem,
  windowsMinutes,
  windowsProblems,
  workingDayHours,
  type CalendarLike,
  type PolicyLike,
  type SlaFormat,
  type TargetUnitKey,
  type TimerReportLike,
  timeZoneChoices,
} from './sla'

const fmt: SlaFormat = {
  integer: (n) => String(Math.round(n)),
  percent: (n) => `${Math.round(n * 1000) / 10}%`,
  decimal: (n) => String(n),
  hours: (n) => `${n} h`,
  money: (n) => `¥${n.toFixed(2)}`,
  compact: (n) => String(n),
}

// The seed's standard calendar (migration 2026-11-23-1600_complaints): Monday to Friday 09:00-18:00.
const STANDARD: CalendarLike = {
  name: 'Standard',
  time_zone: 'Asia/Shanghai',
  week: [['09:00-18:00'], ['09:00-18:00'], ['09:00-18:00'], ['09:00-18:00'], ['09:00-18:00'], [], []],
  days: [
    { day: '2026-10-01', kind: 'holiday', name: '国庆节', windows: [], imported: true },
    { day: '2026-09-27', kind: 'working', name: '调休上班', windows: [], imported: true },
  ],
}

describe('working windows', () => {
  it('parses times of day, 24:00 only as an end', () => {
    expect(parseClock('09:30')).toBe(570)
    expect(parseClock('9:05')).toBe(545)
    expect(parseClock('24:00')).toBeNull()
    expect(parseClock('24:00', true)).toBe(1440)
    expect(parseClock('24:01', true)).toBeNull()
    expect(parseClock('12:60')).toBeNull()
    expect(parseClock('noon')).toBeNull()
    expect(formatClock(570)).toBe('09:30')
    expect(formatClock(1440)).toBe('24:00')
    expect(normalizeClock('8:40')).toBe('08:40')
    expect(normalizeClock('8:4')).toBeNull()
  })

  it('says what is wrong with a window, as the server does', () => {
    expect(windowProblem('09:00-12:00')).toBeNull()
    expect(windowProblem(' 9:00 - 12:00 ')).toBeNull()
    expect(windowProblem('00:00-24:00')).toBeNull()
    expect(windowProblem('9-12')).toBe('format')
    expect(windowProblem('09:00-')).toBe('format')
    expect(windowProblem('09:00-24:30')).toBe('time')
    expect(windowProblem('24:00-24:00')).toBe('time')
    expect(windowProblem('09:75-12:00')).toBe('time')
    expect(windowProblem('12:00-09:00')).toBe('order')
    expect(windowProblem('12:00-12:00')).toBe('order')
  })

  it('parses, writes and sorts windows', () => {
    expect(parseWindow('13:30-18:00')).toEqual({ start: 810, end: 1080 })
    expect(parseWindow('18:00-13:30')).toBeNull()
    expect(normalizeWindow(' 9:00 - 12:00')).toBe('09:00-12:00')
    expect(normalizeWindow('junk ')).toBe('junk')
    expect(sortWindows(['13:30-18:00', 'junk', '9:00-12:00'])).toEqual(['09:00-12:00', '13:30-18:00', 'junk'])
  })

  it('finds overlapping windows; touching ones are fine', () => {
    expect(overlappingPairs(['09:00-12:00', '12:00-18:00'])).toEqual([])
    expect(overlappingPairs(['09:00-12:00', '11:00-13:00', '08:00-09:30'])).toEqual([
      [0, 1],
      [0, 2],
    ])
    expect(windowsProblems(['09:00-12:00', '11:00-13:00', '14:00-13:00', '15:00-16:00'])).toEqual([
      'overlap',
      'overlap',
      'order',
      null,
    ])
  })

  it('counts a day’s working time, overlapping time once', () => {
    expect(windowsMinutes(['09:00-12:00', '13:30-18:00'])).toBe(450)
    expect(windowsMinutes(['09:00-12:00', '11:00-13:00'])).toBe(240)
    expect(windowsMinutes(['09:00-12:00', 'junk'])).toBe(180)
    expect(windowsMinutes([])).toBe(0)
  })

  it('takes one working day from the first weekday with windows', () => {
    expect(workingDayHours(STANDARD.week)).toBe(9)
    const lunch = [['09:00-12:00', '13:30-18:00'], ...STANDARD.week.slice(1)]
    expect(workingDayHours(lunch)).toBe(7.5)
    const weekendOnly = [[], [], [], [], [], ['10:00-16:00'], []]
    expect(standardDay(weekendOnly)).toBe(5)
    expect(workingDayHours(weekendOnly)).toBe(6)
    expect(standardDay([[], [], [], [], [], [], []])).toBeNull()
    expect(workingDayHours([[], [], [], [], [], [], []])).toBe(0)
  })

  it('sums up the week in runs of days with the same windows', () => {
    expect(weekRuns(STANDARD.week)).toEqual([{ from: 0, to: 4, windows: ['09:00-18:00'] }])
    const week = [
      ['09:00-12:00', '13:30-18:00'],
      ['13:30-18:00', '09:00-12:00'],
      ['09:00-18:00'],
      [],
      ['09:00-18:00'],
      ['10:00-16:00'],
      [],
    ]
    expect(weekRuns(week)).toEqual([
      { from: 0, to: 1, windows: ['09:00-12:00', '13:30-18:00'] },
      { from: 2, to: 2, windows: ['09:00-18:00'] },
      { from: 4, to: 4, windows: ['09:00-18:00'] },
      { from: 5, to: 5, windows: ['10:00-16:00'] },
    ])
  })

  it('reads a typed list of windows', () => {
    expect(parseWindowList('9:00-12:00, 13:00-18:00')).toEqual(['09:00-12:00', '13:00-18:00'])
    expect(parseWindowList('09:00-12:00；13:00-18:00、19:00-20:00')).toEqual(['09:00-12:00', '13:00-18:00', '19:00-20:00'])
    expect(parseWindowList('  ')).toEqual([])
    expect(parseWindowList(null)).toEqual([])
  })

  it('offers quarter hours for the time selects', () => {
    const all = timeOptions()
    expect(all[0]).toBe('00:00')
    expect(all[all.length - 1]).toBe('24:00')
    expect(all).toHaveLength(97)
    expect(all).toContain('13:30')
    expect(timeOptions(30, { from: 30, to: 120 })).toEqual(['00:30', '01:00', '01:30', '02:00'])
  })
})

describe('the calendar form', () => {
  it('round-trips a calendar, days by date', () => {
    const d = toCalendarDraft(STANDARD, STANDARD.time_zone)
    expect(d.week[0]).toEqual([{ start: '09:00', end: '18:00' }])
    expect(d.week[6]).toEqual([])
    expect(d.days.map((x) => x.day)).toEqual(['2026-09-27', '2026-10-01'])
    expect(d.days[0]!.imported).toBe(true)
    const body = toCalendarBody(d)
    expect(body.week).toEqual(STANDARD.week)
    expect(body.days).toEqual([
      { day: '2026-09-27', kind: 'working', name: '调休上班', windows: [] },
      { day: '2026-10-01', kind: 'holiday', name: '国庆节', windows: [] },
    ])
    expect(calendarChanged(STANDARD, d)).toBe(false)
    expect(calendarProblems(d)).toEqual({})
  })

  it('offers the company zone first, once', () => {
    expect(timeZoneChoices('Europe/Madrid').slice(0, 2)).toEqual(['Europe/Madrid', 'Asia/Shanghai'])
    const shanghai = timeZoneChoices('Asia/Shanghai')
    expect(shanghai[0]).toBe('Asia/Shanghai')
    expect(shanghai.filter((z) => z === 'Asia/Shanghai')).toHaveLength(1)
  })

  it('a new calendar works Monday to Friday 09:00-18:00', () => {
    const d = toCalendarDraft(null, 'Asia/Hong_Kong')
    expect(d.time_zone).toBe('Asia/Hong_Kong')
    expect(toCalendarBody(d).week).toEqual(STANDARD.week)
    expect(calendarProblems(d)).toEqual({ name: 'required' })
    expect(calendarChanged(null, d)).toBe(true)
  })

  it('adds a lunch break: two windows on Monday, sorted in the body', () => {
    const d = toCalendarDraft(STANDARD, STANDARD.time_zone)
    d.week[0] = [
      { start: '13:30', end: '18:00' },
      { start: '09:00', end: '12:00' },
    ]
    expect(toCalendarBody(d).week[0]).toEqual(['09:00-12:00', '13:30-18:00'])
    expect(calendarChanged(STANDARD, d)).toBe(true)
    expect(calendarProblems(d)).toEqual({})
  })

  it('names each problem with the server’s field path', () => {
    const d = toCalendarDraft(STANDARD, STANDARD.time_zone)
    d.name = ' '
    d.week[1] = [
      { start: '09:00', end: '12:00' },
      { start: '11:00', end: '14:00' },
    ]
    d.week[2] = [{ start: '18:00', end: '09:00' }]
    d.days.push({ day: '2026-10-01', kind: 'holiday', name: '', windows: '', imported: false })
    d.days.push({ day: null, kind: 'working', name: '', windows: '09:00-08:00', imported: false })
    expect(calendarProblems(d)).toEqual({
      name: 'required',
      'week.1.0': 'overlap',
      'week.1.1': 'overlap',
      'week.2.0': 'order',
      'days.2.day': 'duplicateDay',
      'days.3.day': 'required',
      'days.3.windows': 'order',
    })
    d.week = [[], [], [], [], [], [], []]
    expect(calendarProblems(d).week).toBe('noWorkingTime')
  })

  it('sends windows only for adjusted working days', () => {
    const d = toCalendarDraft(STANDARD, STANDARD.time_zone)
    d.days[0]!.windows = '09:00-12:00'
    d.days[1]!.windows = '09:00-12:00' // a holiday: ignored
    const body = toCalendarBody(d)
    expect(body.days[0]!.windows).toEqual(['09:00-12:00'])
    expect(body.days[1]!.windows).toEqual([])
  })
})

describe('policies', () => {
  const words: Record<TargetUnitKey, string> = {
    clock_hours: 'clock hours',
    working_hours: 'working hours',
    working_days: 'working days',
  }
  const phrase = (n: number, u: TargetUnitKey) => `${n} ${words[u]}`
  const major: PolicyLike = {
    id: 2,
    name: '重大投诉',
    name_translations: { en: 'Major complaints' },
    severity: 'major',
    key_account_level: null,
    category: null,
    calendar_id: 1,
    targets: {
      first_response: { amount: '24.00', unit: 'clock_hours' },
      confirmation: { amount: '4', unit: 'working_hours' },
      resolution: { amount: '3', unit: 'working_days' },
    },
    warn_percent: 75,
    hq_escalation_hours: '24.00',
    active: true,
  }
  const general: PolicyLike = {
    ...major,
    id: 1,
    name: 'General complaints',
    severity: 'general',
    targets: { first_response: { amount: '24', unit: 'clock_hours' }, resolution: { amount: '5', unit: 'working_days' } },
  }

  it('words the targets in timer order', () => {
    expect(targetsText(major.targets, phrase)).toBe('24 clock hours / 4 working hours / 3 working days')
    expect(targetsText(general.targets, phrase)).toBe('24 clock hours / 5 working days')
    expect(targetsText(general.targets, phrase, { keepSlots: true })).toBe('24 clock hours / — / 5 working days')
    expect(targetsText({ resolution: { amount: '1.5', unit: 'working_days' } }, phrase)).toBe('1.5 working days')
  })

  it('words targets with the UI’s plural forms', () => {
    for (const [locale, messages, expected] of [
      ['en', en, '24 clock hours / 1 working hour / 3 working days'],
      ['zh-CN', zhCN, '24 自然小时 / 1 工作小时 / 3 个工作日'],
    ] as const) {
      const i18n = createI18n({ legacy: false, locale, messages: { [locale]: messages } })
      const { t } = i18n.global
      const word = (n: number, u: TargetUnitKey) => t(`sla.units.${u}`, { n }, n)
      expect(targetsText({ ...major.targets, confirmation: { amount: '1', unit: 'working_hours' } }, word)).toBe(expected)
    }
  })

  it('has a confirmation timer for major complaints only', () => {
    expect(timerKindsFor('major')).toEqual(['first_response', 'confirmation', 'resolution'])
    expect(timerKindsFor('general')).toEqual(['first_response', 'resolution'])
  })

  it('round-trips a policy through the form', () => {
    const d = toPolicyDraft(major)
    expect(d.targets.first_response).toEqual({ amount: 24, unit: 'clock_hours' })
    expect(d.hq_escalation_hours).toBe(24)
    d.targets.confirmation = { amount: 6, unit: 'working_hours' }
    expect(toPolicyBody(d)).toEqual({
      name: '重大投诉',
      name_translations: { en: 'Major complaints' },
      severity: 'major',
      key_account_level: null,
      category: null,
      calendar_id: 1,
      targets: {
        first_response: { amount: 24, unit: 'clock_hours' },
        confirmation: { amount: 6, unit: 'working_hours' },
        resolution: { amount: 3, unit: 'working_days' },
      },
      warn_percent: 75,
      hq_escalation_hours: 24,
      active: true,
    })
    expect(policyProblems(d)).toEqual({})
  })

  it('drops the confirmation target of a general policy', () => {
    const d = toPolicyDraft(general)
    expect(d.targets.confirmation.amount).toBe(4) // the form keeps a default should it become major
    expect(Object.keys(toPolicyBody(d).targets)).toEqual(['first_response', 'resolution'])
    d.key_account_level = 'A'
    d.category = 'stronghold'
    expect(toPolicyBody(d)).toMatchObject({ key_account_level: 'A', category: 'stronghold' })
  })

  it('a new policy starts with the defaults on the calendar given', () => {
    const d = toPolicyDraft(null, 1)
    expect(d).toMatchObject({ severity: 'general', calendar_id: 1, warn_percent: 75, hq_escalation_hours: 24, active: true })
    expect(policyProblems(d)).toEqual({ name: 'required' })
    expect(policyProblems(toPolicyDraft(null)).calendar_id).toBe('required')
  })

  it('names each problem with the server’s field path', () => {
    const d = toPolicyDraft(major)
    d.targets.confirmation.amount = 0
    d.targets.resolution.amount = null
    d.warn_percent = 100
    d.hq_escalation_hours = -1
    expect(policyProblems(d)).toEqual({
      'targets.confirmation.amount': 'positive',
      'targets.resolution.amount': 'required',
      warn_percent: 'warnPercent',
      hq_escalation_hours: 'notNegative',
    })
    d.severity = 'general' // the confirmation is no longer checked
    expect(policyProblems(d)['targets.confirmation.amount']).toBeUndefined()
  })

  it('lists general before major, the generic policy first', () => {
    const specific = { ...general, id: 3, name: 'A-level general', key_account_level: 'A' }
    const inactive = { ...general, id: 4, name: 'Old', active: false }
    expect(sortPolicies([major, specific, inactive, general]).map((p) => p.id)).toEqual([1, 4, 3, 2])
  })
})

describe('the report', () => {
  const timer = (kind: TimerReportLike['kind'], over: Partial<TimerReportLike> = {}): TimerReportLike => ({
    kind,
    timers: 10,
    met_on_time: 6,
    met_late: 1,
    breached_open: 1,
    running: 2,
    on_time_rate: 0.75,
    median_hours: 3.25,
    p90_hours: 20,
    ...over,
  })

  it('knows dates and the default period', () => {
    expect(isIsoDate('2026-02-28')).toBe(true)
    expect(isIsoDate('2026-02-30')).toBe(false)
    expect(isIsoDate('2026-2-3')).toBe(false)
    expect(isIsoDate(['2026-02-28'])).toBe(false)
    expect(defaultPeriod('2026-11-30')).toEqual({ from: '2026-09-08', to: '2026-11-30' })
  })

  it('counts weeks from Monday', () => {
    expect(weekStart('2026-11-23')).toBe('2026-11-23') // a Monday
    expect(weekStart('2026-11-29')).toBe('2026-11-23') // Sunday
    expect(weekStart('2026-03-01')).toBe('2026-02-23')
    expect(weekStarts('2026-11-04', '2026-11-23')).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'])
    expect(weekStarts('2026-11-23', '2026-11-04')).toEqual([])
  })

  it('fills the weeks the API leaves out', () => {
    const s = weeklySeries({
      since: '2026-11-04',
      until: '2026-11-23',
      weeks: [
        { week_start: '2026-11-09', received: 3, breaches: 1, first_response_on_time_rate: 2 / 3 },
        { week_start: '2026-11-23', received: 1, breaches: 0, first_response_on_time_rate: null },
      ],
    })
    expect(s).toEqual({
      weeks: ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'],
      received: [0, 3, 0, 1],
      breaches: [0, 1, 0, 0],
      onTimeRate: [null, 2 / 3, null, null],
    })
    const option = weeklyChartOption(s, { week: (d) => d.slice(5), received: 'R', breaches: 'B', rate: 'On time' }, fmt)
    const series = option.series as { name: string; data: unknown[]; yAxisIndex: number; type: string }[]
    expect(series.map((x) => [x.name, x.type, x.yAxisIndex])).toEqual([
      ['R', 'bar', 0],
      ['B', 'bar', 0],
      ['On time', 'line', 1],
    ])
    expect(series[2]!.data).toEqual([null, 66.7, null, null])
    expect((option.xAxis as { data: string[] }).data).toEqual(['11-02', '11-09', '11-16', '11-23'])
  })

  it('has every timer in order, zeros for one nobody got', () => {
    const rows = timerRows([timer('resolution'), timer('first_response', { on_time_rate: 1 })])
    expect(rows.map((r) => [r.kind, r.on_time_rate])).toEqual([
      ['first_response', 1],
      ['confirmation', null],
      ['resolution', 0.75],
    ])
    expect(rows[1]).toMatchObject({ timers: 0, met_on_time: 0, median_hours: null })
    expect(decided(rows[0]!)).toBe(8)
    expect(timerRows([])).toHaveLength(3)
  })

  it('stacks the on-time, late and breached shares of the decided timers', () => {
    const rows = timerRows([
      timer('first_response'),
      timer('resolution', { met_on_time: 0, met_late: 0, breached_open: 0, on_time_rate: null }),
    ])
    const option = onTimeChartOption(
      rows,
      { kind: (k) => k, onTime: 'on time', late: 'late', breachedOpen: 'breached', running: 'running', rate: 'rate' },
      fmt,
    )
    const series = option.series as { name: string; stack: string; data: (number | null)[] }[]
    expect(series.map((s) => s.name)).toEqual(['on time', 'late', 'breached'])
    expect(series.every((s) => s.stack === 'decided')).toBe(true)
    expect(series.map((s) => s.data[0])).toEqual([75, 12.5, 12.5])
    expect(series.map((s) => s.data[2])).toEqual([null, null, null])
    expect((option.yAxis as { data: string[] }).data).toEqual(['first_response', 'confirmation', 'resolution'])
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 0 }])
    expect(tooltip).toContain('rate: <b>75%</b>')
    expect(tooltip).toContain('running: <b>2</b>')
  })

  it('shows — and no bar for a kind without timers (null rate), and gaps for weeks without complaints', () => {
    // The report lists all three kinds, and every week of the period, also those with nothing in them.
    const none = {
      timers: 0,
      met_on_time: 0,
      met_late: 0,
      breached_open: 0,
      running: 0,
      on_time_rate: null,
      median_hours: null,
      p90_hours: null,
    }
    const rows = timerRows([
      timer('first_response'),
      timer('confirmation', none),
      timer('resolution', { ...none, timers: 3, running: 3 }),
    ])
    expect(rows.map((r) => [r.kind, r.on_time_rate, decided(r)])).toEqual([
      ['first_response', 0.75, 8],
      ['confirmation', null, 0],
      ['resolution', null, 0],
    ])
    const labels = {
      kind: (k: string) => k,
      onTime: 'on time',
      late: 'late',
      breachedOpen: 'breached',
      running: 'running',
      rate: 'rate',
    }
    const option = onTimeChartOption(rows, labels, fmt)
    const series = option.series as { data: (number | null)[]; label: { formatter?: (x: { dataIndex?: number }) => string } }[]
    for (const s of series) {
      expect(s.data.slice(1)).toEqual([null, null])
      expect(s.data.some((v) => typeof v === 'number' && Number.isNaN(v))).toBe(false)
    }
    expect(series[0]!.label.formatter!({ dataIndex: 1 })).toBe('')
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 2 }])
    expect(tooltip).toContain('rate: <b>—</b>')
    expect(tooltip).toContain('running: <b>3</b>')
    expect(tooltip).not.toMatch(/NaN|0%/)
    const durations = durationChartOption(rows, { kind: (k) => k, median: 'median', p90: 'p90', unit: 'hours' }, fmt)
    expect((durations.series as { data: (number | null)[] }[]).map((s) => s.data.slice(1))).toEqual([
      [null, null],
      [null, null],
    ])

    const weeks = weeklySeries({
      since: '2026-11-02',
      until: '2026-11-22',
      weeks: [
        { week_start: '2026-11-02', received: 0, breaches: 0, first_response_on_time_rate: null },
        { week_start: '2026-11-09', received: 2, breaches: 1, first_response_on_time_rate: 0.5 },
        { week_start: '2026-11-16', received: 0, breaches: 0, first_response_on_time_rate: null },
      ],
    })
    expect(weeks).toEqual({
      weeks: ['2026-11-02', '2026-11-09', '2026-11-16'],
      received: [0, 2, 0],
      breaches: [0, 1, 0],
      onTimeRate: [null, 0.5, null],
    })
    const weekly = weeklyChartOption(weeks, { week: (d) => d, received: 'R', breaches: 'B', rate: 'rate' }, fmt)
    expect((weekly.series as { data: unknown[] }[])[2]!.data).toEqual([null, 50, null])
    const weekTip = (weekly.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 0 }])
    expect(weekTip).toContain('R: <b>0</b>')
    expect(weekTip).toContain('rate: <b>—</b>')
  })

  it('charts median and p90 hours, gaps for timers never met', () => {
    const option = durationChartOption(
      timerRows([timer('first_response')]),
      { kind: (k) => k, median: 'median', p90: 'p90', unit: 'hours' },
      fmt,
    )
    const series = option.series as { data: (number | null)[] }[]
    expect(series[0]!.data).toEqual([3.3, null, null])
    expect(series[1]!.data).toEqual([20, null, null])
  })

  it('ranks breaches: the ten most, none without a breach', () => {
    const rows = Array.from({ length: 14 }, (_, i) => ({ id: i, name: `S${i}`, complaints: 20 - i, breaches: i % 7 }))
    const top = topBreaches(rows)
    expect(top).toHaveLength(10)
    expect(top[0]).toMatchObject({ breaches: 6, name: 'S6' }) // 6 breaches, more complaints than S13
    expect(top.every((r) => r.breaches > 0)).toBe(true)
    expect(topBreaches([{ id: null, name: '', complaints: 2, breaches: 0 }])).toEqual([])
    const option = breachChartOption(
      top.slice(0, 2),
      { name: (r) => r.name || 'unassigned', breaches: 'B', complaints: 'C' },
      fmt,
    )
    expect((option.yAxis as { data: string[] }).data).toEqual(['S6', 'S13'])
    expect((option.series as { data: { value: number }[] }[])[0]!.data.map((d) => d.value)).toEqual([6, 6])
  })

  it('adds up remedies per kind in a fixed order', () => {
    const rows = remedyRows([
      { kind: 'replacement', complaints: 1, amount: '300.10' },
      { kind: 'compensation', complaints: 2, amount: '1200.00' },
      { kind: 'compensation', complaints: 1, amount: 0.2 },
    ])
    expect(rows).toEqual([
      { kind: 'compensation', complaints: 3, amount: 1200.2 },
      { kind: 'replacement', complaints: 1, amount: 300.1 },
    ])
    const option = remedyChartOption(rows, { kind: (k) => k, amount: 'amount', complaints: 'complaints' }, fmt)
    expect((option.series as { data: number[] }[])[0]!.data).toEqual([1200.2, 300.1])
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter({ dataIndex: 0 })
    expect(tooltip).toContain('¥1200.20')
  })
})
