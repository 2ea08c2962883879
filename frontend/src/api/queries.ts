/**
 * Resource functions and query keys: every call of the API goes through the
 * typed client and unwrap(). Views use these with @tanstack/vue-query.
 */
import { api, formBody, ifMatch, unwrap } from './client'
import type {
  ApiKeyCreate,
  CategoryRuleWrite,
  ContactCreate,
  ContactUpdate,
  CustomerCreate,
  CustomerListQuery,
  CustomerUpdate,
  DecileBasis,
  LoyaltySettingsUpdate,
  OrgUnitCreate,
  ScoreModelCreate,
  ScoreSheetListQuery,
  ScoreSheetUpdate,
  TierSettingsUpdate,
  UserCreate,
  UserListQuery,
} from './types'

export const qk = {
  me: ['me'] as const,
  settings: ['settings', 'public'] as const,
  customers: ['customers'] as const,
  customerList: (q: CustomerListQuery) => ['customers', 'list', q] as const,
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

// --- customers -------------------------------------------------------------
export const listCustomers = (query: CustomerListQuery) =>
  unwrap(api.GET('/api/v1/customers', { params: { query: cleanQuery(query) } }))
export const getCustomer = (id: number) =>
  unwrap(api.GET('/api/v1/customers/{customer_id}', { params: { path: { customer_id: id } } }))
export const createCustomer = (body: CustomerCreate) => unwrap(api.POST('/api/v1/customers', { body }))
export const updateCustomer = (id: number, version: number, body: CustomerUpdate) =>
  unwrap(
    api.PATCH('/api/v1/customers/{customer_id}', {
      params: { path: { customer_id: id }, header: { 'If-Match': ifMatch(version) } },
      body,
    }),
  )
export const abandonCustomer = (id: number, version: number, reason: string, review_on: string) =>
  unwrap(
    api.POST('/api/v1/customers/{customer_id}/abandon', {
      params: { path: { customer_id: id }, header: { 'If-Match': ifMatch(version) } },
      body: { reason, review_on },
    }),
  )
export const reinstateCustomer = (id: number, version: number) =>
  unwrap(
    api.POST('/api/v1/customers/{customer_id}/reinstate', {
      params: { path: { customer_id: id }, header: { 'If-Match': ifMatch(version) } },
      body: {},
    }),
  )
export const reassignCustomer = (id: number, owner_id: number, reason: string, org_unit_code?: string | null) =>
  unwrap(
    api.POST('/api/v1/customers/{customer_id}/reassign', {
      params: { path: { customer_id: id } },
      body: { owner_id, reason, ...(org_unit_code ? { org_unit_code } : {}) },
    }),
  )
export const bulkReassign = (customer_ids: number[], owner_id: number, reason: string, org_unit_code?: string | null) =>
  unwrap(
    api.POST('/api/v1/customers/reassign', {
      body: { customer_ids, owner_id, reason, ...(org_unit_code ? { org_unit_code } : {}) },
    }),
  )
export const getOwnership = (id: number) =>
  unwrap(api.GET('/api/v1/customers/{customer_id}/ownership', { params: { path: { customer_id: id } } }))
export const getAudit = (id: number, cursor?: string | null, limit = 20) =>
  unwrap(
    api.GET('/api/v1/customers/{customer_id}/audit', {
      params: { path: { customer_id: id }, query: cleanQuery({ limit, cursor }) },
    }),
  )

// --- orders and transaction facts ------------------------------------------
export const listCustomerOrders = (customerId: number, cursor?: string | null, limit = 20) =>
  unwrap(
    api.GET('/api/v1/customers/{customer_id}/orders', {
      params: { path: { customer_id: customerId }, query: cleanQuery({ limit, cursor }) },
    }),
  )
export const getCustomerFacts = (customerId: number) =>
  unwrap(api.GET('/api/v1/customers/{customer_id}/facts', { params: { path: { customer_id: customerId } } }))
export const getOrder = (id: number) =>
  unwrap(api.GET('/api/v1/orders/{order_id}', { params: { path: { order_id: id } } }))

// --- contacts --------------------------------------------------------------
export const listContacts = (customerId: number) =>
  unwrap(api.GET('/api/v1/customers/{customer_id}/contacts', { params: { path: { customer_id: customerId } } }))
export const createContact = (customerId: number, body: ContactCreate) =>
  unwrap(api.POST('/api/v1/customers/{customer_id}/contacts', { params: { path: { customer_id: customerId } }, body }))
export const updateContact = (id: number, version: number, body: ContactUpdate) =>
  unwrap(
    api.PATCH('/api/v1/contacts/{contact_id}', {
      params: { path: { contact_id: id }, header: { 'If-Match': ifMatch(version) } },
      body,
    }),
  )
export const endContact = (id: number, ended_on: string, reason: string | null) =>
  unwrap(api.POST('/api/v1/contacts/{contact_id}/end', { params: { path: { contact_id: id } }, body: { ended_on, reason } }))

// --- users and org units ---------------------------------------------------
export const listUsers = (query: UserListQuery) =>
  unwrap(api.GET('/api/v1/users', { params: { query: cleanQuery(query) } }))
export const createUser = (body: UserCreate) => unwrap(api.POST('/api/v1/users', { body }))
export const disableUser = (id: number) =>
  unwrap(api.POST('/api/v1/users/{user_id}/disable', { params: { path: { user_id: id } } }))
export const enableUser = (id: number) =>
  unwrap(api.POST('/api/v1/users/{user_id}/enable', { params: { path: { user_id: id } } }))
/** The signed-in person's own password; the server ends their other sessions and renews this one's cookie. */
export const changeOwnPassword = (current_password: string, new_password: string) =>
  unwrap(api.POST('/api/v1/auth/password', { body: { current_password, new_password } }))
export const setUserPassword = (id: number, password: string) =>
  unwrap(api.POST('/api/v1/users/{user_id}/password', { params: { path: { user_id: id } }, body: { password } }))
export const listOrgUnits = () => unwrap(api.GET('/api/v1/org-units'))
export const createOrgUnit = (body: OrgUnitCreate) => unwrap(api.POST('/api/v1/org-units', { body }))

// --- integrations (API keys) -----------------------------------------------
export const listApiKeys = () => unwrap(api.GET('/api/v1/api-keys'))
export const createApiKey = (body: ApiKeyCreate) => unwrap(api.POST('/api/v1/api-keys', { body }))
export const revokeApiKey = (id: number) =>
  unwrap(api.DELETE('/api/v1/api-keys/{key_id}', { params: { path: { key_id: id } } }))

// --- scoring: score sheets, evaluation, category rules, tier history ---------
export const listCustomerScoreSheets = (customerId: number) =>
  unwrap(api.GET('/api/v1/customers/{customer_id}/score-sheets', { params: { path: { customer_id: customerId } } }))
export const createScoreSheet = (customerId: number, period: string) =>
  unwrap(
    api.POST('/api/v1/customers/{customer_id}/score-sheets', {
      params: { path: { customer_id: customerId } },
      body: { period },
    }),
  )
export const listScoreSheets = (query: ScoreSheetListQuery) =>
  unwrap(api.GET('/api/v1/score-sheets', { params: { query: cleanQuery(query) } }))
export const getScoreSheet = (id: number) =>
  unwrap(api.GET('/api/v1/score-sheets/{sheet_id}', { params: { path: { sheet_id: id } } }))
export const updateScoreSheet = (id: number, version: number, body: ScoreSheetUpdate) =>
  unwrap(
    api.PATCH('/api/v1/score-sheets/{sheet_id}', {
      params: { path: { sheet_id: id }, header: { 'If-Match': ifMatch(version) } },
      body,
    }),
  )
export const submitScoreSheet = (id: number, version: number) =>
  unwrap(
    api.POST('/api/v1/score-sheets/{sheet_id}/submit', {
      params: { path: { sheet_id: id }, header: { 'If-Match': ifMatch(version) } },
    }),
  )
export const approveScoreSheet = (id: number, version: number, comment: string | null) =>
  unwrap(
    api.POST('/api/v1/score-sheets/{sheet_id}/approve', {
      params: { path: { sheet_id: id }, header: { 'If-Match': ifMatch(version) } },
      body: { comment },
    }),
  )
export const returnScoreSheet = (id: number, version: number, comment: string) =>
  unwrap(
    api.POST('/api/v1/score-sheets/{sheet_id}/return', {
      params: { path: { sheet_id: id }, header: { 'If-Match': ifMatch(version) } },
      body: { comment },
    }),
  )
export const openQuarter = (period: string) => unwrap(api.POST('/api/v1/score-sheets/open-quarter', { body: { period } }))
export const evaluateScoreModel = (modelId: number, values: Record<string, number>) =>
  unwrap(api.POST('/api/v1/score-models/{model_id}/evaluate', { params: { path: { model_id: modelId } }, body: { values } }))
export const listCategoryRules = () => unwrap(api.GET('/api/v1/category-rules'))
export const getTierHistory = (customerId: number) =>
  unwrap(api.GET('/api/v1/customers/{customer_id}/tier-history', { params: { path: { customer_id: customerId } } }))

// --- tiers: category matrix, movement between quarters, rules, score model versions ---
export const getCategoryMatrix = () => unwrap(api.GET('/api/v1/tiers/category-matrix'))
export const getTransitions = (from: string | null, to: string | null) =>
  unwrap(api.GET('/api/v1/tiers/transitions', { params: { query: cleanQuery({ from, to }) } }))
export const getTierAlerts = (from: string | null, to: string | null) =>
  unwrap(api.GET('/api/v1/tiers/alerts', { params: { query: cleanQuery({ from, to }) } }))
export const previewCategoryRules = (rules: CategoryRuleWrite[]) =>
  unwrap(api.POST('/api/v1/category-rules/preview', { body: { rules } }))
export const saveCategoryRules = (rules: CategoryRuleWrite[]) => unwrap(api.PUT('/api/v1/category-rules', { body: { rules } }))
export const listScoreModels = () => unwrap(api.GET('/api/v1/score-models'))
export const createScoreModelVersion = (body: ScoreModelCreate) => unwrap(api.POST('/api/v1/score-models', { body }))

// --- tiers: key-account levels, ABC, deciles, settings, recomputes ---------
export const getTierLevels = () => unwrap(api.GET('/api/v1/tiers/levels'))
export const getTierAbc = () => unwrap(api.GET('/api/v1/tiers/abc'))
export const getTierDeciles = (by: DecileBasis) => unwrap(api.GET('/api/v1/tiers/deciles', { params: { query: { by } } }))
export const getTierSettings = () => unwrap(api.GET('/api/v1/tier-settings'))
export const updateTierSettings = (version: number, body: TierSettingsUpdate) =>
  unwrap(api.PUT('/api/v1/tier-settings', { params: { header: { 'If-Match': ifMatch(version) } }, body }))
export const recomputeTiers = () => unwrap(api.POST('/api/v1/tiers/recompute'))
export const listTierRuns = (limit = 10) => unwrap(api.GET('/api/v1/tiers/runs', { params: { query: { limit } } }))

// --- loyalty: RFM, health, lifecycle stages, value classes, lifetime value ---
export const getLoyaltySummary = () => unwrap(api.GET('/api/v1/loyalty/summary'))
export const getChurnRisk = (cursor?: string | null, limit = 20) =>
  unwrap(api.GET('/api/v1/loyalty/churn-risk', { params: { query: cleanQuery({ limit, cursor }) } }))
export const getSegmentHistory = (months = 24) =>
  unwrap(api.GET('/api/v1/loyalty/segments/history', { params: { query: { months } } }))
export const listLoyaltyRuns = (limit = 10) => unwrap(api.GET('/api/v1/loyalty/runs', { params: { query: { limit } } }))
export const getLoyaltySettings = () => unwrap(api.GET('/api/v1/loyalty/settings'))
export const updateLoyaltySettings = (version: number, body: LoyaltySettingsUpdate) =>
  unwrap(api.PUT('/api/v1/loyalty/settings', { params: { header: { 'If-Match': ifMatch(version) } }, body }))
export const recomputeLoyalty = () => unwrap(api.POST('/api/v1/loyalty/recompute'))
export const getCustomerLoyalty = (customerId: number) =>
  unwrap(api.GET('/api/v1/customers/{customer_id}/loyalty', { params: { path: { customer_id: customerId } } }))

// --- complaints: queue, detail, the flow's actions (If-Match: the complaint's version), notifications ---
import type { QueryClient } from '@tanstack/vue-query'
import type { ComplaintCreate, ComplaintListQuery, ComplaintRead, RemedyBody, TaskMemberBody } from './types'

export const complaintKeys = {
  all: ['complaints'] as const,
  lists: ['complaints', 'list'] as const,
  list: (q: ComplaintListQuery) => ['complaints', 'list', q] as const,
  detail: (id: number) => ['complaints', 'detail', id] as const,
  notifications: ['notifications'] as const,
}
/** After a complaint was recorded or moved on: its detail is what the server answered; the queue, the bell and its
 * customer's change log are fetched again. */
export function rememberComplaint(qc: QueryClient, complaint: ComplaintRead): void {
  qc.setQueryData(complaintKeys.detail(complaint.id), complaint)
  void qc.invalidateQueries({ queryKey: complaintKeys.lists })
  void qc.invalidateQueries({ queryKey: complaintKeys.notifications })
  void qc.invalidateQueries({ queryKey: qk.audit(complaint.customer_id) })
}
export const listComplaints = (query: ComplaintListQuery) =>
  unwrap(api.GET('/api/v1/complaints', { params: { query: cleanQuery(query) } }))
export const getComplaint = (id: number) =>
  unwrap(api.GET('/api/v1/complaints/{complaint_id}', { params: { path: { complaint_id: id } } }))
export const createComplaint = (body: ComplaintCreate) => unwrap(api.POST('/api/v1/complaints', { body }))
const complaintParams = (id: number, version: number) => ({
  path: { complaint_id: id },
  header: { 'If-Match': ifMatch(version) },
})
export const respondToComplaint = (id: number, version: number, note: string) =>
  unwrap(api.POST('/api/v1/complaints/{complaint_id}/respond', { params: complaintParams(id, version), body: { note } }))
export const escalateComplaint = (id: number, version: number, reason: string) =>
  unwrap(api.POST('/api/v1/complaints/{complaint_id}/escalate', { params: complaintParams(id, version), body: { reason } }))
export const confirmComplaint = (id: number, version: number, verified: boolean, note: string) =>
  unwrap(api.POST('/api/v1/complaints/{complaint_id}/confirm', { params: complaintParams(id, version), body: { verified, note } }))
export const setComplaintTaskGroup = (id: number, version: number, members: TaskMemberBody[]) =>
  unwrap(api.POST('/api/v1/complaints/{complaint_id}/task-group', { params: complaintParams(id, version), body: { members } }))
export const resolveComplaint = (id: number, version: number, remedies: RemedyBody[], note: string) =>
  unwrap(api.POST('/api/v1/complaints/{complaint_id}/resolve', { params: complaintParams(id, version), body: { remedies, note } }))
export const closeComplaint = (id: number, version: number) =>
  unwrap(api.POST('/api/v1/complaints/{complaint_id}/close', { params: complaintParams(id, version) }))
export const pauseComplaint = (id: number, version: number, reason: string, at: string | null) =>
  unwrap(
    api.POST('/api/v1/complaints/{complaint_id}/pause', {
      params: complaintParams(id, version),
      body: { reason, ...(at ? { at } : {}) },
    }),
  )
export const resumeComplaint = (id: number, version: number, at: string | null) =>
  unwrap(api.POST('/api/v1/complaints/{complaint_id}/resume', { params: complaintParams(id, version), body: at ? { at } : {} }))
export const recordReturnVisit = (id: number, version: number, satisfaction: number, note: string) =>
  unwrap(
    api.POST('/api/v1/complaints/{complaint_id}/return-visit', {
      params: complaintParams(id, version),
      body: { satisfaction, note },
    }),
  )
export const recordComplaintFeedback = (id: number, version: number, note: string) =>
  unwrap(api.POST('/api/v1/complaints/{complaint_id}/feedback', { params: complaintParams(id, version), body: { note } }))
export const listNotifications = (limit = 10, cursor?: string | null) =>
  unwrap(api.GET('/api/v1/notifications', { params: { query: cleanQuery({ limit, cursor }) } }))
export const markNotificationRead = (id: number) =>
  unwrap(api.POST('/api/v1/notifications/{notification_id}/read', { params: { path: { notification_id: id } } }))
export const markAllNotificationsRead = () => unwrap(api.POST('/api/v1/notifications/read-all'))

// --- SLA: the report, business calendars and SLA policies (If-Match: the row's version) ---
import type { SlaCalendarBody, SlaPolicyBody, SlaReportQuery } from './types'

export const slaKeys = {
  all: ['sla'] as const,
  report: (q: SlaReportQuery) => ['sla', 'report', q] as const,
  calendars: ['sla', 'calendars'] as const,
  policies: ['sla', 'policies'] as const,
}
export const getSlaReport = (query: SlaReportQuery) =>
  unwrap(api.GET('/api/v1/reports/sla', { params: { query: cleanQuery(query) } }))
export const listSlaCalendars = () => unwrap(api.GET('/api/v1/sla/calendars'))
export const getSlaCalendar = (id: number) =>
  unwrap(api.GET('/api/v1/sla/calendars/{calendar_id}', { params: { path: { calendar_id: id } } }))
export const createSlaCalendar = (body: SlaCalendarBody) => unwrap(api.POST('/api/v1/sla/calendars', { body }))
export const updateSlaCalendar = (id: number, version: number, body: SlaCalendarBody) =>
  unwrap(
    api.PUT('/api/v1/sla/calendars/{calendar_id}', {
      params: { path: { calendar_id: id }, header: { 'If-Match': ifMatch(version) } },
      body,
    }),
  )
/** If-Match (optional on the server): the version the editor shows; 412 when the calendar changed since. */
export const importSlaHolidays = (id: number, version: number, country: string, years: number[]) =>
  unwrap(
    api.POST('/api/v1/sla/calendars/{calendar_id}/holidays', {
      params: { path: { calendar_id: id }, header: { 'If-Match': ifMatch(version) } },
      body: { country, years },
    }),
  )
export const listSlaPolicies = () => unwrap(api.GET('/api/v1/sla/policies'))
export const createSlaPolicy = (body: SlaPolicyBody) => unwrap(api.POST('/api/v1/sla/policies', { body }))
export const updateSlaPolicy = (id: number, version: number, body: SlaPolicyBody) =>
  unwrap(
    api.PUT('/api/v1/sla/policies/{policy_id}', {
      params: { path: { policy_id: id }, header: { 'If-Match': ifMatch(version) } },
      body,
    }),
  )
