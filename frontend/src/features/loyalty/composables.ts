/**
 * Loyalty wording for views: money, counts and shares in the UI language, health signals as sentences,
 * stage / value-class / segment labels (segment names come from the loyalty settings' segment rules).
 */
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { formatCompact, formatDecimal, formatMoney, formatPercent, useCurrency } from '@/lib/format'
import { useQuery } from '@tanstack/vue-query'
import { qk } from '@/api/queries'
import { getLoyaltySettings } from './queries'
import type { HealthSignal, LifecycleStage, ValueClass } from '@/api/types'
import { formatPoints, segmentLabel, signalText, type SignalLike } from './loyalty'

export function useLoyaltyFormat() {
  const { t, locale } = useI18n()
  const currency = useCurrency()
  const money = (v: string | number | null | undefined) => formatMoney(v, currency.value, locale.value)
  const integer = (n: number) => new Intl.NumberFormat(locale.value, { maximumFractionDigits: 0 }).format(n)
  const percent = (v: string | number | null | undefined, maxFraction = 1) => formatPercent(v, locale.value, maxFraction)
  const signedPercent = (n: number) =>
    new Intl.NumberFormat(locale.value, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(n)
  const compact = (n: number) => formatCompact(n, locale.value)
  return {
    locale,
    money,
    integer,
    percent,
    compact,
    /** A plain number, `—` when unknown (`11.2`). */
    decimal: (v: string | number | null | undefined, maxFraction = 1) => formatDecimal(v, locale.value, maxFraction),
    /** For the chart helpers (features/tiering/tierValue ValueFormat). */
    valueFormat: { money: (n: number) => money(n), compact, integer },
    points: (p: number | string | null | undefined) => formatPoints(p, locale.value),
    /** A health signal as one sentence in the UI language. */
    signal: (s: SignalLike) => {
      const st = signalText(s, { money: (n) => money(n), percent: (n) => percent(n), integer, signedPercent })
      return t(st.key, st.params)
    },
    signalName: (s: HealthSignal) => t(`loyalty.signals.${s}.name`),
    stage: (s: LifecycleStage | null | undefined) => (s ? t(`loyalty.stages.${s}`) : t('common.notSet')),
    valueClass: (c: ValueClass | null | undefined) => t(`loyalty.valueClasses.${c ?? 'none'}`),
  }
}

/** Segment labels from the loyalty settings (cached for a few minutes); null is "never bought". */
export function useSegmentLabels() {
  const { t, locale } = useI18n()
  const { data } = useQuery({ queryKey: qk.loyaltySettings, queryFn: getLoyaltySettings, staleTime: 5 * 60_000 })
  const rules = computed(() => data.value?.segment_rules ?? [])
  return {
    rules,
    label: (key: string | null | undefined) => (key ? segmentLabel(rules.value, key, locale.value) : t('loyalty.neverBought')),
  }
}
