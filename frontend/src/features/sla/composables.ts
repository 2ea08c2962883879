/**
 * SLA wording for views: counts, rates, hours and money in the UI language, targets as phrases
 * (`24 clock hours`), and the labels of timers, severities, remedies, units and weekdays.
 */
import { useI18n } from 'vue-i18n'
import { formatCompact, formatDecimal, formatMoney, formatPercent, useCurrency } from '@/lib/format'
import { targetsText, type SlaFormat, type TargetLike, type TargetUnitKey } from './sla'

export function useSlaFormat() {
  const { t, locale } = useI18n()
  const currency = useCurrency()
  const integer = (n: number) => new Intl.NumberFormat(locale.value, { maximumFractionDigits: 0 }).format(n)
  const percent = (v: number | string | null | undefined) => formatPercent(v, locale.value, 1)
  const decimal = (v: number | string | null | undefined, maxFraction = 1) => formatDecimal(v, locale.value, maxFraction)
  /** A number with exactly `digits` decimals (`4.0`). */
  const fixed = (n: number, digits = 1) =>
    new Intl.NumberFormat(locale.value, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n)
  const hours = (n: number) => t('sla.hours', { n: formatDecimal(n, locale.value, 1) })
  const money = (v: number | string | null | undefined) => formatMoney(v, currency.value, locale.value)
  const compact = (n: number) => formatCompact(n, locale.value)
  /** `24 clock hours`, `1 working day`. */
  const target = (amount: number, unit: TargetUnitKey) =>
    t(`sla.units.${unit}`, { n: formatDecimal(amount, locale.value, 2) }, amount)
  const chart: SlaFormat = {
    integer,
    percent: (n) => percent(n),
    decimal: (n) => decimal(n),
    hours,
    money: (n) => money(n),
    compact,
  }
  return {
    locale,
    integer,
    percent,
    decimal,
    fixed,
    hours,
    money,
    compact,
    chart,
    target,
    /** A policy's targets in timer order (`24 clock hours / 4 working hours / 3 working days`). */
    targets: (targets: Partial<Record<string, TargetLike>>, keepSlots = false) => targetsText(targets, target, { keepSlots }),
    timerKind: (k: string) => t(`sla.timerKinds.${k}`),
    severity: (s: string) => t(`sla.severities.${s}`),
    remedyKind: (k: string) => t(`sla.remedyKinds.${k}`),
    unitName: (u: string) => t(`sla.unitNames.${u}`),
    weekday: (i: number) => t(`sla.weekdays.${i}`),
  }
}
