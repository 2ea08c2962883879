import { computed } from 'vue'
import { useQuery } from '@tanstack/vue-query'
import { fetchMe, fetchPublicSettings, qk } from '@/api/queries'
import type { Permission } from '@/api/types'

/** The logged-in user (GET /me). The router guard fills this before any page renders. */
export function useMe() {
  return useQuery({ queryKey: qk.me, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false })
}

export function usePermissions() {
  const { data: me } = useMe()
  const perms = computed(() => new Set<string>(me.value?.permissions ?? []))
  const can = (p: Permission) => perms.value.has(p)
  return { me, can }
}

export function usePublicSettings() {
  return useQuery({
    queryKey: qk.settings,
    queryFn: fetchPublicSettings,
    staleTime: Infinity,
    retry: false,
  })
}
