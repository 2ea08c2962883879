/**
 * Complaint wording and clocks for views: one shared one-second ticker for every live countdown on the page,
 * and the complaints.ts helpers bound to the UI language and the company time zone.
 */
import { getCurrentScope, onScopeDispose, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useFormat } from '@/lib/format'
import type { ComplaintStatus, Severity, TimerStatus } from '@/api/types'
import { eventSentence, formatCountdown, formatDuration, type EventLike, type LiveTimer } from './complaints'

const now = ref(Date.now())
let users = 0
let handle: ReturnType<typeof setInterval> | null = null

/** Epoch milliseconds, updated every second while any component uses it. */
export function useNow(): Readonly<Ref<number>> {
  users++
  if (handle === null) {
    now.value = Date.now()
    handle = setInterval(() => (now.value = Date.now()), 1000)
  }
  if (getCurrentScope()) {
    onScopeDispose(() => {
      users--
      if (users <= 0 && handle !== null) {
        clearInterval(handle)
        handle = null
        users = 0
      }
    })
  }
  return now
}

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

const STATUS_TAGS: Record<ComplaintStatus, TagType> = {
  received: 'warning',
  responded: 'primary',
  in_resolution: 'danger',
  resolved: 'success',
  closed: 'info',
}

const TIMER_TAGS: Record<TimerStatus, TagType> = {
  running: 'success',
  warning: 'warning',
  breached: 'danger',
  paused: 'info',
  met: 'info',
}

export function useComplaintFormat() {
  const { t } = useI18n()
  const { dateTime, timeZone, money } = useFormat()
  return {
    t,
    dateTime,
    timeZone,
    money,
    duration: (seconds: number) => formatDuration(seconds, t),
    countdown: (live: Pick<LiveTimer, 'status' | 'remaining' | 'met_at'>) => formatCountdown(live, t),
    event: (e: EventLike) => eventSentence(e, t, { dateTime: (iso) => dateTime(iso), money: (a) => money(a) }),
    statusTag: (s: ComplaintStatus): TagType => STATUS_TAGS[s] ?? 'info',
    severityTag: (s: Severity): TagType => (s === 'major' ? 'danger' : 'info'),
    timerTag: (s: TimerStatus): TagType => TIMER_TAGS[s] ?? 'info',
  }
}
