/**
 * Query keys and the session's calls. Every call of the API goes through the typed client and unwrap();
 * each feature's calls are in features/<feature>/queries.ts. The keys stay in one table because features
 * refresh each other's data (a score sheet's approval refetches the tier dashboard and the customer).
 */
import { api, formBody, unwrap } from './client'
import type { CustomerListQuery, DecileBasis, ScoreSheetListQuery, UserListQuery } from './types'

export const qk = {
  me: ['me'] as const,
  settings: ['settings', 'public'] as const,
  customers: ['customers'] as const,
  customerList: (q: CustomerListQuery) => ['customers', 'list', q] as const,
  customerCount: (q: Partial<CustomerListQuery>) => ['customers', 'count', q] as const,
  customer: (id: number) => ['customers', 'detail', id] as const,
  contacts: (id: number) => ['customers', 'detail', id, 'contacts'] as const,
  ownership: (id: number) => ['customers', 'detail', id, 'ownership'] as const,
  audit: (id: number) => ['customers', 'detail', id, 'audit'] as const,
  orders: (id: number) => ['customers', 'detail', id, 'orders'] as const,
  facts: (id: number) => ['customers', 'detail', id, 'facts'] as const,
  order: (id: number) => ['orders', 'detail', id] as const,
  apiKeys: ['api-keys'] as const,
  users: ['users'] as const,
  userList: (q: UserListQuery) => ['users', 'list', q] as const,
  orgUnits: ['org-units'] as const,
  // scoring (score sheets, category rules, a customer's sheets and tier history)
  scoreSheets: ['score-sheets'] as const,
  scoreSheetLists: ['score-sheets', 'list'] as const,
  scoreSheetList: (q: ScoreSheetListQuery) => ['score-sheets', 'list', q] as const,
  scoreSheet: (id: number) => ['score-sheets', 'detail', id] as const,
  customerScoreSheets: (id: number) => ['customers', 'detail', id, 'score-sheets'] as const,
  tierHistory: (id: number) => ['customers', 'detail', id, 'tier-history'] as const,
  categoryRules: ['category-rules'] as const,
  evaluation: (modelId: number, values: Record<string, number>) => ['score-models', modelId, 'evaluate', values] as const,
  // tiers dashboard (everything under 'tiers' is refetched when rules, settings or grades change)
  tiers: ['tiers'] as const,
  categoryMatrix: ['tiers', 'category-matrix'] as const,
  transitions: (from: string | null, to: string | null) => ['tiers', 'transitions', from, to] as const,
  tierAlerts: (from: string | null, to: string | null) => ['tiers', 'alerts', from, to] as const,
  scoreModels: ['score-models'] as const,
  tierLevels: ['tiers', 'levels'] as const,
  tierAbc: ['tiers', 'abc'] as const,
  tierDeciles: (by: DecileBasis) => ['tiers', 'deciles', by] as const,
  tierRuns: ['tiers', 'runs'] as const,
  tierSettings: ['tier-settings'] as const,
  // loyalty dashboard (everything under 'loyalty' is refetched after a recompute)
  loyalty: ['loyalty'] as const,
  loyaltySummary: ['loyalty', 'summary'] as const,
  churnRisk: ['loyalty', 'churn-risk'] as const,
  segmentHistory: (months: number) => ['loyalty', 'segment-history', months] as const,
  loyaltyRuns: ['loyalty', 'runs'] as const,
  loyaltySettings: ['loyalty', 'settings'] as const,
  customerLoyalty: (id: number) => ['customers', 'detail', id, 'loyalty'] as const,
}

/** Drop empty-string / null / undefined query values so the URL stays clean. */
export function cleanQuery<T extends Record<string, unknown>>(q: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(q)) {
    if (v === '' || v === null || v === undefined) continue
    out[k] = v
  }
  return out as T
}

// --- session ---------------------------------------------------------------
export const login = (username: string, password: string) =>
  unwrap(
    api.POST('/api/v1/auth/token', {
      body: { username, password, grant_type: 'password', scope: '' },
      bodySerializer: (b) => formBody(b as unknown as Record<string, string>),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
  )
export const logout = () => unwrap(api.POST('/api/v1/auth/logout'))
export const fetchMe = () => unwrap(api.GET('/api/v1/me'))
export const fetchPublicSettings = () => unwrap(api.GET('/api/v1/settings/public'))
