/**
 * Formatting: instants in the company time zone (from GET /settings/public),
 * calendar dates, and display values. The pure functions take the zone and
 * locale as arguments; `useFormat()` binds them to the session for views.
 */
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { usePublicSettings } from '@/composables/session'

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

const cache = new Map<string, Intl.DateTimeFormat>()

function formatter(locale: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}`
  let f = cache.get(key)
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
      })
    } catch {
      // Unknown time zone from settings: fall back to the company default.
      if (timeZone === DEFAULT_TIME_ZONE) throw new Error(`Intl does not know ${DEFAULT_TIME_ZONE}`)
      return formatter(locale, DEFAULT_TIME_ZONE, withTime)
    }
    cache.set(key, f)
  }
  return f
}

function partsOf(f: Intl.DateTimeFormat, d: Date) {
  const parts = f.formatToParts(d)
  return (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? ''
}

/**
 * Format an ISO 8601 instant in the company time zone as `YYYY-MM-DD HH:mm`
 * (the same numeric shape in every UI language; only the zone matters).
 */
export function formatDateTime(
  iso: string | null | undefined,
  timeZone: string = DEFAULT_TIME_ZONE,
  locale = 'zh-CN',
): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const get = partsOf(formatter(locale, timeZone, true), d)
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}

/** A calendar date (`YYYY-MM-DD` from the API) is shown as is: it has no time zone. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return ''
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value
}

/** Today's date (YYYY-MM-DD) in the company time zone. */
export function todayIn(timeZone: string = DEFAULT_TIME_ZONE, now: Date = new Date()): string {
  const get = partsOf(formatter('en-US', timeZone, false), now)
  return `${get('year')}-${get('month')}-${get('day')}`
}

/** `YYYY-MM-DD` plus `days` calendar days (for default review dates). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number)
  const t = new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1) + days * 86_400_000)
  return t.toISOString().slice(0, 10)
}

/** Render a value of an audit diff or a card field. */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—'
  if (Array.isArray(v)) return v.length ? v.map(displayValue).join('、') : '—'
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    if (typeof o.display_name === 'string') return o.display_name
    if (typeof o.name === 'string') return o.name
    return JSON.stringify(v)
  }
  if (typeof v === 'boolean') return v ? '✓' : '✗'
  return String(v)
}

/** The company time zone of the session (falls back to the default until settings load). */
export function useTimeZone(): ComputedRef<string> {
  const { data } = usePublicSettings()
  return computed(() => data.value?.time_zone || DEFAULT_TIME_ZONE)
}

/** Formatters bound to the company time zone and the UI locale. */
export function useFormat() {
  const tz = useTimeZone()
  const { t, te, locale } = useI18n()
  return {
    timeZone: tz,
    dateTime: (iso: string | null | undefined) => formatDateTime(iso, tz.value, locale.value),
    date: formatDate,
    today: () => todayIn(tz.value),
    /** Translate `prefix.key`, falling back to the raw key (values the UI does not know yet). */
    label: (prefix: string, key: string | null | undefined) => {
      if (key === null || key === undefined || key === '') return t('common.notSet')
      return te(`${prefix}.${key}`) ? t(`${prefix}.${key}`) : key
    },
  }
}
