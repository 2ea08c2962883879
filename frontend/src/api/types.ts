/**
 * Short names for generated schema types (no hand-written duplicates:
 * every alias points into schema.d.ts, generated from openapi.yaml).
 */
import type { components, paths } from './schema'

type S = components['schemas']
type JsonOk<P extends keyof paths, M extends 'get' | 'post' | 'patch'> = paths[P][M] extends {
  responses: infer R
}
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never

export type CustomerRead = S['CustomerRead']
export type CustomerCreate = S['CustomerCreate']
export type CustomerUpdate = S['CustomerUpdate']
export type Characteristics = NonNullable<CustomerRead['characteristics']>
export type CustomerType = CustomerRead['customer_type']
export type Partition = CustomerRead['partition']
export type LeadSource = NonNullable<CustomerRead['lead_source']>
export type UserRead = S['UserRead']
export type Role = UserRead['role']
export type Me = JsonOk<'/api/v1/me', 'get'>
export type DataScope = Me['data_scope']
export type UserCreate = S['UserCreate']
export type OrgUnitRead = JsonOk<'/api/v1/org-units', 'get'>['items'][number]
export type OrgUnitCreate = S['OrgUnitCreate']
export type ContactRead = S['ContactRead']
export type ContactCreate = S['ContactCreate']
export type ContactUpdate = S['ContactUpdate']
export type DecisionRole = ContactRead['decision_role']
export type OwnershipPeriod = JsonOk<'/api/v1/customers/{customer_id}/ownership', 'get'>['items'][number]
export type AuditEntry = JsonOk<'/api/v1/customers/{customer_id}/audit', 'get'>['items'][number]
export type PublicSettings = JsonOk<'/api/v1/settings/public', 'get'>
export type OrderRead = S['OrderRead']
export type OrderLine = S['OrderLineRead']
export type OrderDetail = S['OrderDetail']
export type OrderRevision = S['OrderRevisionRead']
export type OrderStatus = S['OrderStatus']
export type OrderKind = S['OrderKind']
export type Facts = S['FactsRead']
export type MonthlyRevenue = S['MonthlyRevenueRead']
export type ApiKeyRead = S['ApiKeyRead']
export type ApiKeyCreate = S['ApiKeyCreate']
export type ApiKeyCreated = S['ApiKeyCreated']
export type ApiScope = S['ApiScope']
export type CustomerListQuery = NonNullable<paths['/api/v1/customers']['get']['parameters']['query']>
export type UserListQuery = NonNullable<paths['/api/v1/users']['get']['parameters']['query']>

export const CUSTOMER_TYPES = [
  'hotel',
  'restaurant',
  'contractor',
  'design_firm',
  'dealer',
  'other',
] as const satisfies readonly CustomerType[]
export const LEAD_SOURCES = [
  'referral',
  'exhibition',
  'cold_call',
  'online',
  'existing_network',
  'other',
] as const satisfies readonly LeadSource[]
export const ROLES = [
  'admin',
  'hq_key_account',
  'store_manager',
  'account_manager',
  'service_agent',
  'analyst',
] as const satisfies readonly Role[]
export const DECISION_ROLES = [
  'boss',
  'decision_leader',
  'head_chef',
  'designer',
  'purchaser',
  'opinion_leader',
  'other',
] as const satisfies readonly DecisionRole[]
export const GROWTH_POTENTIALS = ['high', 'medium', 'low'] as const

export const API_SCOPES = ['customers:read', 'customers:write', 'orders:write'] as const satisfies readonly ApiScope[]

export type OrgUnitKind = OrgUnitRead['kind']
export const ORG_UNIT_KINDS = [
  'headquarters',
  'operations_centre',
  'department',
  'regional_store',
  'store',
] as const satisfies readonly OrgUnitKind[]

/** Permissions as GET /me lists them (server: domain/organisation/model.py Permission). */
export type Permission =
  | 'customers:read'
  | 'customers:write'
  | 'customers:reassign'
  | 'users:read'
  | 'users:manage'
  | 'org_units:manage'
  | 'scoring:manage'
  | 'score_sheets:review'
  | 'sla:manage'

// --- scoring: score sheets, grades, categories, tier history ----------------
export type ScoreSheetRead = S['ScoreSheetRead']
export type SheetIndicator = S['SheetIndicatorRead']
export type SheetStatus = S['SheetStatus']
export type IndicatorSource = S['IndicatorSource']
export type Dimension = S['Dimension']
export type Grade = S['Grade']
export type Grades = S['Grades']
export type DimensionScore = S['DimensionScoreRead']
export type CategoryRule = S['CategoryRuleRead']
export type Evaluation = S['EvaluationRead']
export type ScoreSheetUpdate = S['ScoreSheetUpdate']
export type OpenQuarterResult = S['OpenQuarterResult']
export type OpenQuarterRequest = S['OpenQuarterRequest']
export type TierHistoryEntry = S['TierHistoryRead']
export type TierSource = S['TierSource']
export type KeyAccountLevel = S['KeyAccountLevel']
export type AbcClass = S['AbcClass']
export type ScoreSheetListQuery = NonNullable<paths['/api/v1/score-sheets']['get']['parameters']['query']>

export const DIMENSIONS = ['potential', 'possibility', 'basis'] as const satisfies readonly Dimension[]
export const SHEET_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const satisfies readonly SheetStatus[]
export const GRADES = ['A', 'B', 'C'] as const satisfies readonly Grade[]

// --- tiers: category matrix, movement, category rules, score models ---------
export type CategoryMatrix = S['CategoryMatrixRead']
export type MatrixCell = S['MatrixCell']
export type Transitions = S['TransitionsRead']
export type TransitionCell = S['TransitionCell']
export type TierAlert = S['AlertRead']
export type TierAlertKind = S['AlertKind']
export type CategoryRuleWrite = S['CategoryRuleWrite']
export type CategoryRulesPreview = S['CategoryRulesPreview']
export type CategoryRulesSaved = S['CategoryRulesSaved']
export type ScoreModel = S['ScoreModelRead']
export type ScoreModelCreate = S['ScoreModelCreate']
export type ScoreModelIndicator = S['IndicatorIO-Output']
export type ScoreModelIndicatorWrite = S['IndicatorIO-Input']
export type LevelSummary = S['LevelSummaryRead']
export type AbcSummary = S['AbcSummaryRead']
export type Deciles = S['DecilesRead']
export type DecileBasis = S['DecileBasis']
export type TierSettings = S['TierSettingsRead']
export type TierSettingsUpdate = S['TierSettingsUpdate']
export type TierRun = S['TierRunRead']

export const INDICATOR_SOURCES = [
  'manual',
  'transaction_amount',
  'order_share',
  'satisfaction',
] as const satisfies readonly IndicatorSource[]
export const KEY_ACCOUNT_LEVELS = ['special', 'A', 'B', 'C'] as const satisfies readonly KeyAccountLevel[]

// --- loyalty: RFM segments, health, lifecycle stages, value classes, lifetime value ---------
export type LoyaltySummary = S['LoyaltySummaryRead']
export type LoyaltyRun = S['LoyaltyRunRead']
export type LoyaltySettings = S['LoyaltySettingsRead']
export type LoyaltySettingsUpdate = S['LoyaltySettingsUpdate']
export type ClvFit = S['ClvFitRead']
export type LoyaltyCount = S['CountRead']
export type RfmCell = S['RfmCellRead']
export type SegmentRule = S['SegmentRule']
export type SegmentSize = S['SegmentSizeRead']
export type ChurnRisk = S['ChurnRiskRead']
export type CustomerLoyalty = S['CustomerLoyaltyRead']
export type SignalReading = S['SignalRead']
export type HealthSignal = S['HealthSignal']
export type LifecycleStage = S['LifecycleStage']
export type ValueClass = S['ValueClass']

export const LIFECYCLE_STAGES = ['exploration', 'formation', 'stability', 'decline'] as const satisfies readonly LifecycleStage[]
export const VALUE_CLASSES = ['value', 'potential', 'migrating', 'freezing_point'] as const satisfies readonly ValueClass[]
export const HEALTH_SIGNALS = [
  'recency',
  'revenue_trend',
  'share_of_wallet_trend',
  'discount_trend',
  'cancellations_returns_trend',
  'complaints_trend',
  'contact_changes',
] as const satisfies readonly HealthSignal[]

// --- complaints: the queue, a complaint with its timers and timeline, notifications ---------
export type ComplaintRead = S['ComplaintRead']
export type ComplaintCreate = S['ComplaintCreate']
export type ComplaintStatus = S['ComplaintStatus']
export type ComplaintAction = S['Action']
export type ComplaintEvent = S['EventRead']
export type ComplaintEventKind = S['EventKind']
export type ComplaintTimer = S['TimerRead']
export type TimerKind = S['TimerKind']
export type TimerStatus = S['TimerStatus']
export type Severity = S['Severity']
export type Channel = S['Channel']
export type Department = S['Department']
export type RemedyKind = S['RemedyKind']
export type Remedy = S['Remedy']
export type TaskMember = S['TaskMember']
export type NotificationRead = S['NotificationRead']
export type NotificationKind = S['NotificationKind']
export type NotificationPage = S['NotificationPage']
export type ComplaintListQuery = NonNullable<paths['/api/v1/complaints']['get']['parameters']['query']>

export const SEVERITIES = ['general', 'major'] as const satisfies readonly Severity[]
export const CHANNELS = ['phone', 'visit', 'wechat', 'email', 'other'] as const satisfies readonly Channel[]
export const COMPLAINT_STATUSES = [
  'received',
  'responded',
  'in_resolution',
  'resolved',
  'closed',
] as const satisfies readonly ComplaintStatus[]
export const TIMER_KINDS = ['first_response', 'confirmation', 'resolution'] as const satisfies readonly TimerKind[]
export const DEPARTMENTS = ['key_account', 'marketing', 'purchasing_logistics'] as const satisfies readonly Department[]
export const REMEDY_KINDS = ['compensation', 'price_cut', 'replacement', 'other'] as const satisfies readonly RemedyKind[]

// --- SLA: the report, business calendars, policies (issue 6) ---------
export type SlaReport = S['SlaReportRead']
export type SlaReportQuery = NonNullable<paths['/api/v1/reports/sla']['get']['parameters']['query']>
export type SlaTimerReport = S['TimerReportRead']
export type SlaBreachCount = S['BreachCountRead']
export type SlaWeekTrend = S['WeekTrendRead']
export type SlaRemedyTotal = S['RemedyTotalRead']
export type SlaCalendar = S['CalendarRead']
export type SlaCalendarDay = S['CalendarDayRead']
export type SlaCalendarWrite = S['CalendarWrite']
export type SlaDayKind = S['DayKind']
export type SlaPolicy = S['PolicyRead']
export type SlaPolicyWrite = S['PolicyWrite']
export type SlaTargetUnit = S['TargetUnit']

// --- visits: plans by tier, the due list, a visit's check-in and completion (issue 22) ---------
export type VisitRead = S['VisitRead']
export type VisitCreate = S['VisitCreate']
export type VisitCompletion = S['VisitCompletion']
export type VisitCheckIn = S['VisitCheckIn']
export type DueVisitRead = S['DueVisitRead']
export type VisitKind = S['VisitKind']
export type VisitStatus = S['VisitStatus']
export type VisitAnomaly = S['Anomaly']
export type VisitAction = S['VisitAction']
export type VisitCadence = S['CadenceIO']
export type VisitOutcome = S['OutcomeRead']
export type CustomerVisitPlan = S['CustomerVisitPlanRead']
export type KindPlan = S['KindPlanRead']
export type VisitListQuery = NonNullable<paths['/api/v1/visits']['get']['parameters']['query']>
export type DueVisitQuery = NonNullable<paths['/api/v1/visits/due']['get']['parameters']['query']>

export const VISIT_KINDS = ['routine', 'leader', 'return_visit', 'complaint_follow_up'] as const satisfies readonly VisitKind[]
export const VISIT_STATUSES = [
  'planned',
  'in_progress',
  'completed',
  'cancelled',
  'missed',
] as const satisfies readonly VisitStatus[]
export const VISIT_ANOMALIES = ['too_far', 'no_position'] as const satisfies readonly VisitAnomaly[]
