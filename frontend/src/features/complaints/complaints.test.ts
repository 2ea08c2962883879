import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/locales/zh-CN'
import en from '@/i18n/locales/en'
import {
  countdownClass,
  countdownKey,
  durationText,
  eventNote,
  eventSentence,
  eventSentenceKey,
  formatCountdown,
  formatDuration,
  liveTimer,
  nearestTimer,
  nextTimer,
  queueFiltersFromQuery,
  queueFiltersToQuery,
  queueListParams,
  shownTimer,
  timerTone,
  toWallTime,
  wallTimeToIso,
  zoneOffsetMinutes,
  type EventLike,
  type TimerLike,
} from './complaints'
import type { Translate } from '@/i18n/messages'
import { COMPLAINT_STATUSES, TIMER_KINDS, type ComplaintEventKind, type TimerStatus } from '@/api/types'

function translator(locale: 'zh-CN' | 'en'): Translate {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en }, missingWarn: false, fallbackWarn: false })
  return (key, named) => i18n.global.t(key, named ?? {})
}
const tEn = translator('en')
const tZh = translator('zh-CN')
const fmt = { dateTime: (iso: string) => `<${iso}>`, money: (a: string) => `¥${a}` }

const H = 3600
const D = 86_400

describe('durations and countdowns', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(2 * D + 3 * H + 59 * 60, tEn)).toBe('2d 3h')
    expect(formatDuration(3 * H + 5 * 60 + 59, tEn)).toBe('3h 05m')
    expect(formatDuration(4 * 60 + 10, tEn)).toBe('4m 10s')
    expect(formatDuration(4 * 60 + 5, tEn)).toBe('4m 05s')
    expect(formatDuration(45.9, tEn)).toBe('45s')
    expect(formatDuration(0, tEn)).toBe('0s')
    expect(formatDuration(D, tEn)).toBe('1d 0h')
  })

  it('drops the sign (the words say early or late)', () => {
    expect(durationText(-(2 * H + 5 * 60))).toEqual(durationText(2 * H + 5 * 60))
  })

  it('speaks Chinese', () => {
    expect(formatDuration(2 * D + 3 * H, tZh)).toBe('2天3小时')
    expect(formatDuration(3 * H + 5 * 60, tZh)).toBe('3小时05分')
    expect(formatDuration(4 * 60 + 10, tZh)).toBe('4分10秒')
  })

  it('says overdue for a negative remainder, and paused or met', () => {
    const base = { met_at: null }
    expect(formatCountdown({ ...base, status: 'running', remaining: 3 * H + 5 * 60 }, tEn)).toBe('3h 05m left')
    expect(formatCountdown({ ...base, status: 'breached', remaining: -(2 * H + 5 * 60) }, tEn)).toBe('overdue 2h 05m')
    expect(formatCountdown({ ...base, status: 'breached', remaining: -(2 * H + 5 * 60) }, tZh)).toBe('超时 2小时05分')
    expect(formatCountdown({ ...base, status: 'paused', remaining: 90 }, tEn)).toBe('paused (1m 30s left)')
    expect(formatCountdown({ status: 'met', remaining: null, met_at: '2026-01-01T00:00:00Z' }, tEn)).toBe('met')
    expect(countdownKey({ status: 'breached', remaining: null, met_at: '2026-01-01T00:00:00Z' })).toBe('metLate')
  })

  it('colours by status: green running, amber warning, red breached, grey otherwise', () => {
    const tones: Record<TimerStatus, string> = {
      running: 'ok',
      warning: 'warning',
      breached: 'danger',
      paused: 'muted',
      met: 'muted',
    }
    for (const [status, tone] of Object.entries(tones)) {
      expect(timerTone(status as TimerStatus)).toBe(tone)
      expect(countdownClass(status as TimerStatus)).toBe(`countdown--${tone}`)
    }
  })
})

describe('liveTimer', () => {
  const fetchedAt = Date.parse('2026-03-02T08:00:00Z')
  const timer = (over: Partial<TimerLike> = {}): TimerLike => ({
    kind: 'first_response',
    basis: 'clock',
    warn_at: '2026-03-02T14:00:00Z',
    due_at: '2026-03-02T16:00:00Z',
    status: 'running',
    met_at: null,
    remaining_seconds: 8 * H,
    ...over,
  })

  it('counts the server remainder down by the time since it was fetched', () => {
    const live = liveTimer(timer(), fetchedAt, fetchedAt + 90_000)
    expect(live.remaining).toBe(8 * H - 90)
    expect(live.status).toBe('running')
    expect(live.frozen).toBe(false)
  })

  it('turns warning inside the warning window and breached past the deadline', () => {
    expect(liveTimer(timer(), fetchedAt, fetchedAt + 6 * H * 1000).status).toBe('warning')
    const late = liveTimer(timer(), fetchedAt, fetchedAt + 9 * H * 1000)
    expect(late.status).toBe('breached')
    expect(late.remaining).toBe(-H)
  })

  it('never counts up when the browser clock is behind the fetch', () => {
    expect(liveTimer(timer(), fetchedAt, fetchedAt - 5000).remaining).toBe(8 * H)
  })

  it('stands still when paused, and working-time timers of a paused complaint', () => {
    expect(liveTimer(timer({ status: 'paused', remaining_seconds: 300 }), fetchedAt, fetchedAt + H * 1000)).toMatchObject({
      status: 'paused',
      remaining: 300,
      frozen: true,
    })
    const working = timer({ basis: 'working', status: 'breached', remaining_seconds: 0 })
    expect(liveTimer(working, fetchedAt, fetchedAt + H * 1000, true).remaining).toBe(0)
    // An around-the-clock timer keeps running while the complaint is paused.
    expect(liveTimer(timer(), fetchedAt, fetchedAt + 1000, true).remaining).toBe(8 * H - 1)
  })

  it('has no remainder once met', () => {
    const met = liveTimer(
      timer({ status: 'met', met_at: '2026-03-02T09:00:00Z', remaining_seconds: null }),
      fetchedAt,
      fetchedAt + 1000,
    )
    expect(met).toMatchObject({ status: 'met', remaining: null, frozen: true, met_at: '2026-03-02T09:00:00Z' })
  })
})

describe('nearestTimer', () => {
  const t = (kind: TimerLike['kind'], due: string, status: TimerStatus, met_at: string | null = null) => ({
    kind,
    due_at: due,
    status,
    met_at,
  })

  it('is the earliest deadline among running, warning and breached timers not yet met', () => {
    const timers = [
      t('resolution', '2026-03-06T10:00:00Z', 'running'),
      t('confirmation', '2026-03-02T12:00:00Z', 'warning'),
      t('first_response', '2026-03-01T10:00:00Z', 'met', '2026-03-01T09:00:00Z'),
    ]
    expect(nearestTimer(timers)?.kind).toBe('confirmation')
  })

  it('puts an overdue timer first (its deadline is the earliest)', () => {
    const timers = [t('resolution', '2026-03-06T10:00:00Z', 'running'), t('first_response', '2026-03-01T10:00:00Z', 'breached')]
    expect(nearestTimer(timers)?.kind).toBe('first_response')
  })

  it('skips paused timers and timers met late; none when nothing runs', () => {
    const timers = [
      t('first_response', '2026-03-01T10:00:00Z', 'breached', '2026-03-01T12:00:00Z'),
      t('resolution', '2026-03-02T10:00:00Z', 'paused'),
    ]
    expect(nearestTimer(timers)).toBeNull()
    // Met late, the complaint is breached: the list shows that, not the paused timer.
    expect(shownTimer(timers)?.kind).toBe('first_response')
    expect(shownTimer([timers[1]!])?.kind).toBe('resolution')
    expect(nearestTimer([])).toBeNull()
    expect(shownTimer([t('resolution', '2026-03-02T10:00:00Z', 'met', '2026-03-02T09:00:00Z')])).toBeNull()
  })
})

describe('timeline sentences', () => {
  const ev = (
    kind: ComplaintEventKind,
    data: Record<string, unknown> = {},
    timer_kind: EventLike['timer_kind'] = null,
  ): EventLike => ({
    kind,
    data,
    timer_kind,
  })

  it('picks a key per kind, by level for escalations and by punctuality for met timers', () => {
    expect(eventSentenceKey(ev('responded'))).toBe('complaints.events.responded')
    expect(eventSentenceKey(ev('timer_escalated', { level: 1 }))).toBe('complaints.events.timer_escalated_store')
    expect(eventSentenceKey(ev('timer_escalated', { level: 2 }))).toBe('complaints.events.timer_escalated_hq')
    expect(eventSentenceKey(ev('timer_met', { on_time: true }))).toBe('complaints.events.timer_met')
    expect(eventSentenceKey(ev('timer_met', { on_time: false }))).toBe('complaints.events.timer_met_late')
    expect(eventSentenceKey(ev('resolved', { remedies: [] }))).toBe('complaints.events.resolved_plain')
  })

  it('has a sentence in both languages for every kind', () => {
    const kinds: ComplaintEventKind[] = [
      'received',
      'responded',
      'escalated',
      'confirmed',
      'not_verified',
      'task_group_set',
      'resolved',
      'closed',
      'paused',
      'resumed',
      'return_visit',
      'feedback',
      'timer_activated',
      'timer_paused',
      'timer_resumed',
      'timer_warned',
      'timer_met',
      'timer_breached',
      'timer_escalated',
    ]
    for (const t of [tEn, tZh]) {
      for (const kind of kinds) {
        const text = eventSentence(ev(kind, { level: 2, due_at: '2026-03-02T10:00:00Z' }, 'confirmation'), t, fmt)
        expect(text, kind).not.toMatch(/complaints\.|[{}]/)
        expect(text.length, kind).toBeGreaterThan(1)
      }
    }
  })

  it('fills in timers, channels, members, remedies and deadlines', () => {
    expect(eventSentence(ev('received', { severity: 'general', channel: 'phone' }), tEn, fmt)).toBe(
      'Complaint received by Phone (General)',
    )
    expect(eventSentence(ev('timer_escalated', { level: 1 }, 'confirmation'), tEn, fmt)).toBe(
      'Confirmation overdue: escalated to the store manager',
    )
    expect(eventSentence(ev('timer_activated', { due_at: '2026-03-02T10:00:00Z' }, 'resolution'), tZh, fmt)).toBe(
      '解决计时开始，截止 <2026-03-02T10:00:00Z>',
    )
    const members = {
      members: [
        { user_id: 2, name: '林海', department: 'key_account' },
        { user_id: 9, name: '张磊', department: 'marketing' },
      ],
    }
    expect(eventSentence(ev('task_group_set', members), tEn, fmt)).toBe('Task group set: 林海 (Key accounts), 张磊 (Marketing)')
    expect(eventSentence(ev('task_group_set', members), tZh, fmt)).toBe('设立专项服务工作组：林海（大客户部）、张磊（市场部）')
    const remedies = { remedies: [{ kind: 'compensation', amount: '1200.00', note: '' }], note: 'ok' }
    expect(eventSentence(ev('resolved', remedies), tEn, fmt)).toBe('Resolved with Compensation ¥1200.00')
    expect(eventSentence(ev('return_visit', { satisfaction: 4 }), tZh, fmt)).toBe('回访：满意度 4/5')
  })

  it('shows the note or reason written with the step', () => {
    expect(eventNote(ev('escalated', { reason: ' 需要总部协调 ' }))).toBe('需要总部协调')
    expect(eventNote(ev('responded', { note: '' }))).toBe('')
    expect(eventNote(ev('timer_met', { on_time: true }))).toBe('')
  })
})

describe('queue filters in the URL', () => {
  it('defaults to open complaints only', () => {
    const f = queueFiltersFromQuery({})
    expect(f).toEqual({ mine: false, store: false, major: false, breached: false, open: true, q: '' })
    expect(queueFiltersToQuery(f)).toEqual({})
    expect(queueListParams(f, 7)).toEqual({ open: true })
  })

  it('round-trips through the URL', () => {
    const f = { mine: true, store: true, major: true, breached: true, open: false, q: ' 漏水 ' }
    const query = queueFiltersToQuery(f)
    expect(query).toEqual({ mine: '1', store: '1', major: '1', breached: '1', open: '0', q: '漏水' })
    expect(queueFiltersFromQuery(query as Record<string, string>)).toEqual({ ...f, q: '漏水' })
  })

  it('becomes GET /complaints parameters; my store needs an org unit', () => {
    const f = { mine: true, store: true, major: true, breached: true, open: false, q: 'x' }
    expect(queueListParams(f, 12)).toEqual({ mine: true, org_unit_id: 12, severity: 'major', breached: true, q: 'x' })
    expect(queueListParams(f, null)).not.toHaveProperty('org_unit_id')
  })
})

describe('wall times in the company zone', () => {
  it('turns a wall time into ISO 8601 with the zone offset', () => {
    expect(wallTimeToIso('2026-05-04 09:30', 'Asia/Shanghai')).toBe('2026-05-04T09:30:00+08:00')
    expect(wallTimeToIso('2026-07-01 12:00', 'Europe/Berlin')).toBe('2026-07-01T12:00:00+02:00')
    expect(wallTimeToIso('2026-01-01 12:00', 'Europe/Berlin')).toBe('2026-01-01T12:00:00+01:00')
    expect(wallTimeToIso('2026-01-01 12:00', 'America/New_York')).toBe('2026-01-01T12:00:00-05:00')
    expect(wallTimeToIso('not a time', 'UTC')).toBeNull()
  })

  it('and back: an instant as the zone wall time', () => {
    expect(toWallTime('2026-05-04T01:30:00Z', 'Asia/Shanghai')).toBe('2026-05-04 09:30')
    expect(toWallTime('2026-12-31T17:00:00Z', 'Asia/Shanghai')).toBe('2027-01-01 01:00')
    const iso = wallTimeToIso('2026-03-29 03:30', 'Europe/Berlin')!
    expect(toWallTime(iso, 'Europe/Berlin')).toBe('2026-03-29 03:30')
    expect(zoneOffsetMinutes('Asia/Shanghai', Date.now())).toBe(480)
  })
})

describe('labels', () => {
  it('name every status and timer kind in both languages', () => {
    for (const t of [tEn, tZh]) {
      for (const s of COMPLAINT_STATUSES) expect(t(`complaints.statuses.${s}`)).not.toMatch(/^complaints\./)
      for (const k of TIMER_KINDS) expect(t(`complaints.timerKinds.${k}`)).not.toMatch(/^complaints\./)
    }
  })
})

describe('a breached complaint in the queue (the "breached only" filter)', () => {
  const fetchedAt = Date.parse('2026-12-08T02:00:00Z')
  // As GET /complaints?breached=true returned it: the first response met 15 h 38 min late, the resolution
  // still running (3 days left). The queue used to show the resolution's green "3d left".
  const timers: TimerLike[] = [
    {
      kind: 'first_response',
      basis: 'clock',
      warn_at: '2026-12-06T18:00:00Z',
      due_at: '2026-12-07T00:00:00Z',
      status: 'breached',
      met_at: '2026-12-07T15:38:00Z',
      remaining_seconds: null,
    },
    {
      kind: 'resolution',
      basis: 'working',
      warn_at: '2026-12-10T10:00:00Z',
      due_at: '2026-12-11T10:00:00Z',
      status: 'running',
      met_at: null,
      remaining_seconds: 3 * D + 10 * H,
    },
  ]

  it('shows the breached timer in red with how late it was met, and the next deadline apart', () => {
    const shown = shownTimer(timers)!
    expect(shown.kind).toBe('first_response')
    const live = liveTimer(shown, fetchedAt, fetchedAt + 5000)
    expect(live.status).toBe('breached')
    expect(countdownClass(live.status)).toBe('countdown--danger')
    expect(live.overdue).toBe(15 * H + 38 * 60)
    expect(formatCountdown(live, tZh)).toBe('超时15小时38分后达成')
    expect(formatCountdown(live, tEn)).toBe('met 15h 38m late')
    expect(nextTimer(timers)?.kind).toBe('resolution')
  })

  it('shows an open breached timer as overdue by how late it is now', () => {
    const open = { ...timers[1]!, status: 'breached' as const, remaining_seconds: -(2 * H) }
    const live = liveTimer(shownTimer([timers[0]!, open])!, fetchedAt, fetchedAt + 60_000)
    expect(live).toMatchObject({ kind: 'resolution', status: 'breached', overdue: 2 * H + 60 })
    expect(formatCountdown(live, tEn)).toBe('overdue 2h 01m')
    expect(nextTimer([timers[0]!, open])).toBeNull()
  })

  it('keeps a timer paused after its deadline overdue (frozen), never "left"', () => {
    const paused = { ...timers[1]!, status: 'breached' as const, remaining_seconds: -(2 * H) }
    const live = liveTimer(paused, fetchedAt, fetchedAt + H * 1000, true)
    expect(live).toMatchObject({ status: 'breached', frozen: true, overdue: 2 * H })
    expect(formatCountdown(live, tZh)).toBe('超时 2小时00分')
    // Whatever remainder a breached timer carries, its words are "overdue".
    expect(countdownKey({ status: 'breached', remaining: 0, met_at: null })).toBe('overdue')
  })

  it('shows no second line when nothing is breached', () => {
    expect(nextTimer([timers[1]!])).toBeNull()
    expect(shownTimer([timers[1]!])?.kind).toBe('resolution')
  })
})
