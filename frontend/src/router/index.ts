import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { UnauthorizedError } from '@/api/errors'
import { fetchMe, fetchPublicSettings, qk } from '@/api/queries'
import type { Permission } from '@/api/types'
import { queryClient, setUnauthorizedHandler } from '@/queryClient'
import { setPageTitle } from '@/composables/title'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    /** Any of these permissions opens the route. */
    permissions?: Permission[]
    /** The message key of the page's name in the tab title (composables/title.ts). */
    title?: string
  }
}

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/features/organisation/LoginView.vue'),
    meta: { public: true, title: 'titles.login' },
  },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [
      { path: '', redirect: { name: 'customers' } },
      {
        path: 'customers',
        name: 'customers',
        component: () => import('@/features/customers/CustomerListView.vue'),
        meta: { title: 'titles.customers', permissions: ['customers:read'] },
      },
      {
        path: 'customers/:id(\\d+)',
        name: 'customer',
        component: () => import('@/features/customers/CustomerDetailView.vue'),
        props: (route) => ({ id: Number(route.params.id) }),
        meta: { title: 'titles.customer', permissions: ['customers:read'] },
      },
      {
        path: 'tiers',
        name: 'tiers',
        component: () => import('@/features/tiering/TiersView.vue'),
        meta: { title: 'titles.tiers', permissions: ['customers:read'] },
      },
      {
        path: 'loyalty',
        name: 'loyalty',
        component: () => import('@/features/loyalty/LoyaltyView.vue'),
        meta: { title: 'titles.loyalty', permissions: ['customers:read'] },
      },
      {
        path: 'complaints',
        name: 'complaints',
        component: () => import('@/features/complaints/ComplaintQueueView.vue'),
        meta: { title: 'titles.complaints', permissions: ['customers:read'] },
      },
      {
        path: 'complaints/:id(\\d+)',
        name: 'complaint',
        component: () => import('@/features/complaints/ComplaintDetailView.vue'),
        props: (route) => ({ id: Number(route.params.id) }),
        meta: { title: 'titles.complaint', permissions: ['customers:read'] },
      },
      {
        path: 'visits',
        name: 'visits',
        component: () => import('@/features/visits/VisitsView.vue'),
        meta: { title: 'titles.visits', permissions: ['customers:read'] },
      },
      {
        path: 'visits/:id(\\d+)',
        name: 'visit',
        component: () => import('@/features/visits/VisitDetailView.vue'),
        props: (route) => ({ id: Number(route.params.id) }),
        meta: { title: 'titles.visit', permissions: ['customers:read'] },
      },
      {
        path: 'reports/sla',
        name: 'sla-report',
        component: () => import('@/features/sla/SlaDashboardView.vue'),
        meta: { title: 'titles.slaReport', permissions: ['customers:read'] },
      },
      {
        path: 'admin/sla',
        name: 'sla-settings',
        component: () => import('@/features/sla/SlaSettingsView.vue'),
        meta: { title: 'titles.slaSettings', permissions: ['sla:manage'] },
      },
      {
        path: 'score-sheets',
        name: 'score-sheets',
        component: () => import('@/features/scoring/ScoreSheetListView.vue'),
        meta: { title: 'titles.scoreSheets', permissions: ['customers:read'] },
      },
      {
        path: 'score-sheets/:id(\\d+)',
        name: 'score-sheet',
        component: () => import('@/features/scoring/ScoreSheetView.vue'),
        props: (route) => ({ id: Number(route.params.id) }),
        meta: { title: 'titles.scoreSheet', permissions: ['customers:read'] },
      },
      {
        path: 'admin/users',
        name: 'users',
        component: () => import('@/features/organisation/UserListView.vue'),
        meta: { title: 'titles.users', permissions: ['users:manage'] },
      },
      {
        path: 'admin/org-units',
        name: 'org-units',
        component: () => import('@/features/organisation/OrgUnitListView.vue'),
        meta: { title: 'titles.orgUnits', permissions: ['users:manage', 'org_units:manage'] },
      },
      {
        path: 'integrations',
        name: 'integrations',
        component: () => import('@/features/integrations/ApiKeyListView.vue'),
        meta: { title: 'titles.integrations', permissions: ['users:manage'] },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/layouts/NotFoundView.vue'),
        meta: { title: 'titles.notFound' },
      },
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

router.afterEach((to) => setPageTitle(to.meta.title))

setUnauthorizedHandler(() => {
  queryClient.removeQueries({ queryKey: qk.me })
  const current = router.currentRoute.value
  if (!current.meta.public) {
    void router.replace({ name: 'login', query: { redirect: current.fullPath } })
  }
})
