/**
 * The category rules (GET /category-rules: ordered, with labels and positioning), cached for the session,
 * to name a customer's category or a tier-history entry's in the UI language.
 */
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { useQuery } from '@tanstack/vue-query'
import { qk } from '@/api/queries'
import { listCategoryRules } from './queries'
import type { CategoryRule } from '@/api/types'
import { ruleLabel, rulePositioning } from './tiers'

export function useCategoryRules() {
  const { t, locale } = useI18n()
  const { data } = useQuery({ queryKey: qk.categoryRules, queryFn: listCategoryRules, staleTime: 5 * 60_000 })
  const rules = computed(() => data.value?.items ?? [])
  const byKey = computed(() => new Map<string, CategoryRule>(rules.value.map((r) => [r.key, r])))
  const rule = (key: string | null | undefined) => (key ? (byKey.value.get(key) ?? null) : null)
  /** The category's label; the raw key until the rules load (or for a key the rules no longer have);
   * `none` for customers without a category. */
  const label = (key: string | null | undefined, none = t('common.notSet')) =>
    key ? ruleLabel(rule(key), locale.value, key) : none
  const positioning = (key: string | null | undefined) => rulePositioning(rule(key), locale.value)
  return { rules, rule, label, positioning }
}
