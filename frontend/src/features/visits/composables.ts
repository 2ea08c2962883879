/** Visit wording for views: the visits.ts helpers bound to the UI language, the company calendar and the outcomes. */
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { useQuery } from '@tanstack/vue-query'
import { useFormat } from '@/lib/format'
import { useLocalName } from '@/i18n/names'
import type { TagType } from '@/lib/format'
import type { VisitKind, VisitRead, VisitStatus } from '@/api/types'
import { listOutcomes, visitKeys } from './queries'
import { cadenceText, overdueDays, visitFlags } from './visits'

const STATUS_TAGS: Record<VisitStatus, TagType> = {
  planned: 'primary',
  in_progress: 'warning',
  completed: 'success',
  cancelled: 'info',
  missed: 'danger',
}

/** The outcomes administrators keep (active or not: an old visit may name a deactivated one). */
export function useOutcomes() {
  return useQuery({ queryKey: visitKeys.outcomes, queryFn: listOutcomes, staleTime: 5 * 60_000 })
}

export function useVisitFormat() {
  const { t } = useI18n()
  const { dateTime, date, today } = useFormat()
  const name = useLocalName()
  const { data: outcomes } = useOutcomes()
  const outcomeByCode = computed(() => new Map((outcomes.value?.items ?? []).map((o) => [o.code, o])))
  return {
    t,
    dateTime,
    date,
    today,
    kind: (k: VisitKind) => t(`visits.kinds.${k}`),
    status: (s: VisitStatus) => t(`visits.statuses.${s}`),
    statusTag: (s: VisitStatus): TagType => STATUS_TAGS[s] ?? 'info',
    flags: (v: Pick<VisitRead, 'anomalies' | 'distance_m'>) => visitFlags(v, t),
    overdueDays: (dueOn: string) => overdueDays(dueOn, today()),
    cadence: (c: Parameters<typeof cadenceText>[0]) => cadenceText(c, t),
    outcome: (code: string | null | undefined) => {
      if (!code) return ''
      const o = outcomeByCode.value.get(code)
      return o ? name(o) : code
    },
  }
}
