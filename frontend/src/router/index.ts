import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { UnauthorizedError } from '@/api/errors'
import { fetchMe, fetchPublicSettings, qk } from '@/api/queries'
import type { Permission } from '@/api/types'
import { queryClient, setUnauthorizedHandler } from '@/queryClient'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    /** Any of these permissions opens the route. */
    permissions?: Permission[]
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/features/organisation/LoginView.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [
      { path: '', redirect: { name: 'customers' } },
      {
        path: 'customers',
        name: 'customers',
        component: () => import('@/features/customers/CustomerListView.vue'),
        meta: { permissions: ['customers:read'] },
      },
      {
        path: 'customers/:id(\\d+)',
        name: 'customer',
        component: () => import('@/features/customers/CustomerDetailView.vue'),
        props: (route) => ({ id: Number(route.params.id) }),
        meta: { permissions: ['customers:read'] },
      },
      {
        path: 'tiers',
        name: 'tiers',
        component: () => import('@/features/tiering/TiersView.vue'),
        meta: { permissions: ['customers:read'] },
      },
      {
        path: 'loyalty',
        name: 'loyalty',
        component: () => import('@/features/loyalty/LoyaltyView.vue'),
        meta: { permissions: ['customers:read'] },
      },
      {
        path: 'complaints',
        name: 'complaints',
        component: () => import('@/features/complaints/ComplaintQueueView.vue'),
        meta: { permissions: ['customers:read'] },
      },
      {
        path: 'complaints/:id(\\d+)',
        name: 'complaint',
        component: () => import('@/features/complaints/ComplaintDetailView.vue'),
        props: (route) => ({ id: Number(route.params.id) }),
        meta: { permissions: ['customers:read'] },
      },
      {
        path: 'reports/sla',
        name: 'sla-report',
        component: () => import('@/features/sla/SlaDashboardView.vue'),
        meta: { permissions: ['customers:read'] },
      },
      {
        path: 'admin/sla',
        name: 'sla-settings',
        component: () => import('@/features/sla/SlaSettingsView.vue'),
        meta: { permissions: ['sla:manage'] },
      },
      {
        path: 'score-sheets',
        name: 'score-sheets',
        component: () => import('@/features/scoring/ScoreSheetListView.vue'),
        meta: { permissions: ['customers:read'] },
      },
      {
        path: 'score-sheets/:id(\\d+)',
        name: 'score-sheet',
        component: () => import('@/features/scoring/ScoreSheetView.vue'),
        props: (route) => ({ id: Number(route.params.id) }),
        meta: { permissions: ['customers:read'] },
      },
      {
        path: 'admin/users',
        name: 'users',
        component: () => import('@/features/organisation/UserListView.vue'),
        meta: { permissions: ['users:manage'] },
      },
      {
        path: 'admin/org-units',
        name: 'org-units',
        component: () => import('@/features/organisation/OrgUnitListView.vue'),
        meta: { permissions: ['users:manage', 'org_units:manage'] },
      },
      {
        path: 'integrations',
        name: 'integrations',
        component: () => import('@/features/integrations/ApiKeyListView.vue'),
        meta: { permissions: ['users:manage'] },
      },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/layouts/NotFoundView.vue') },
    ],
  },
]

export const router = createRouter({ history: createWebHistory(), routes })

export const ME_STALE_MS = 5 * 60_000

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  // The company's time zone and currency, so no page renders with the fallbacks (prefetch never throws).
  const settings = queryClient.prefetchQuery({
    queryKey: qk.settings,
    queryFn: fetchPublicSettings,
    staleTime: Infinity,
    retry: false,
  })
  let me
  try {
    me = await queryClient.fetchQuery({ queryKey: qk.me, queryFn: fetchMe, staleTime: ME_STALE_MS, retry: false })
    await settings
  } catch (e) {
    if (e instanceof UnauthorizedError) {
      return { name: 'login', query: to.fullPath && to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
    }
    throw e
  }
  const needed = to.meta.permissions
  if (needed && !needed.some((p) => me.permissions.includes(p))) {
    return to.name === 'customers' ? { name: 'not-found', params: { pathMatch: ['forbidden'] } } : { name: 'customers' }
  }
  return true
})

setUnauthorizedHandler(() => {
  queryClient.removeQueries({ queryKey: qk.me })
  const current = router.currentRoute.value
  if (!current.meta.public) {
    void router.replace({ name: 'login', query: { redirect: current.fullPath } })
  }
})
