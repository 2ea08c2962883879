/**
 * Formatting, in one place: instants in the company time zone, money in the company currency (both from
 * GET /settings/public), calendar dates, the API's decimal strings as numbers, and display values.
 * The pure functions take the zone, currency and locale as arguments; `useFormat()` binds them to the
 * session for views.
 */
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { usePublicSettings } from '@/composables/session'

/**
 * Only until GET /settings/public answers (the router waits for it before a page renders, so a page sees it
 * only when that call failed): the browser's own zone, and amounts without a currency sign.
 */
export const FALLBACK_TIME_ZONE = browserTimeZone()
export const FALLBACK_CURRENCY = ''

function browserTimeZone(): string {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

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
      // A zone this browser's Intl does not know: UTC rather than a broken page.
      if (timeZone === 'UTC') throw new Error('Intl does not know UTC')
      return formatter(locale, 'UTC', withTime)
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
export function formatDateTime(iso: string | null | undefined, timeZone: string, locale = 'zh-CN'): string {
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
export function todayIn(timeZone: string, now: Date = new Date()): string {
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

/** The company time zone (GET /settings/public; the fallback only until it answers). */
export function useTimeZone(): ComputedRef<string> {
  const { data } = usePublicSettings()
  return computed(() => data.value?.time_zone || FALLBACK_TIME_ZONE)
}

/** The company currency, ISO 4217 (GET /settings/public; the fallback only until it answers). */
export function useCurrency(): ComputedRef<string> {
  const { data } = usePublicSettings()
  return computed(() => data.value?.currency || FALLBACK_CURRENCY)
}

/** Formatters bound to the company time zone and currency and the UI locale. */
export function useFormat() {
  const tz = useTimeZone()
  const currency = useCurrency()
  const { t, te, locale } = useI18n()
  return {
    timeZone: tz,
    currency,
    dateTime: (iso: string | null | undefined) => formatDateTime(iso, tz.value, locale.value),
    /** An amount in the company currency (`¥1,234.50`). */
    money: (v: string | number | null | undefined, maxFraction = 2) => formatMoney(v, currency.value, locale.value, maxFraction),
    date: formatDate,
    today: () => todayIn(tz.value),
    /** Translate `prefix.key`, falling back to the raw key (values the UI does not know yet). */
    label: (prefix: string, key: string | null | undefined) => {
      if (key === null || key === undefined || key === '') return t('common.notSet')
      return te(`${prefix}.${key}`) ? t(`${prefix}.${key}`) : key
    },
  }
}

// --- numbers ---------------------------------------------------------------

/** A decimal string from the API (`"1234.50"`) as a number; null for null, blank or not a number. */
export function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (value.trim() === '') return null
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}

const numberFormats = new Map<string, Intl.NumberFormat>()
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let f = numberFormats.get(key)
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, options)
    } catch {
      // An unknown currency code: show the amount with the code instead of failing the page.
      const plain = new Intl.NumberFormat(locale, {
        minimumFractionDigits: options.minimumFractionDigits,
        maximumFractionDigits: options.maximumFractionDigits,
      })
      f = { format: (n: number) => `${options.currency ?? ''} ${plain.format(n)}`.trim() } as Intl.NumberFormat
    }
    numberFormats.set(key, f)
  }
  return f
}

/**
 * A money amount (`"1234.5"` in CNY) as `¥1,234.50`; `maxFraction` 4 keeps unit prices like `28.1250`.
 * No currency (settings not loaded yet): the amount without a sign.
 */
export function formatMoney(
  value: string | number | null | undefined,
  currency: string,
  locale: string,
  maxFraction = 2,
): string {
  const n = toNumber(value)
  if (n === null) return '—'
  return numberFormat(locale, {
    ...(currency ? { style: 'currency' as const, currency } : {}),
    minimumFractionDigits: 2,
    maximumFractionDigits: Math.max(2, maxFraction),
  }).format(n)
}

/** A share 0..1 (`"0.0249"`) as a percentage (`2.5%`). */
export function formatPercent(value: string | number | null | undefined, locale: string, maxFraction = 1): string {
  const n = toNumber(value)
  if (n === null) return '—'
  return numberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: maxFraction }).format(n)
}

/** A plain decimal (`"30.000"` -> `30`, `"8.25"` -> `8.25`), grouped for the locale. */
export function formatDecimal(value: string | number | null | undefined, locale: string, maxFraction = 3): string {
  const n = toNumber(value)
  if (n === null) return '—'
  return numberFormat(locale, { maximumFractionDigits: maxFraction }).format(n)
}

/** A short axis label (`1.2万` in zh-CN, `12K` in en). */
export function formatCompact(value: number, locale: string): string {
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value)
}

/** The colour of an Element Plus tag (status tags). */
export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'
