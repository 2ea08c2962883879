/**
 * Tiering: category rules, a customer's tier history, the category matrix, movement between quarters,
 * key-account levels, ABC, deciles, tier settings, recomputes.
 */
import { api, ifMatch, unwrap } from '@/api/client'
import { cleanQuery } from '@/api/queries'
import type { CategoryRuleWrite, DecileBasis, TierSettingsUpdate } from '@/api/types'

export const listCategoryRules = () => unwrap(api.GET('/api/v1/category-rules'))
export const getTierHistory = (customerId: number) =>
  unwrap(api.GET('/api/v1/customers/{customer_id}/tier-history', { params: { path: { customer_id: customerId } } }))
export const getCategoryMatrix = () => unwrap(api.GET('/api/v1/tiers/category-matrix'))
export const getTransitions = (from: string | null, to: string | null) =>
  unwrap(api.GET('/api/v1/tiers/transitions', { params: { query: cleanQuery({ from, to }) } }))
export const getTierAlerts = (from: string | null, to: string | null) =>
  unwrap(api.GET('/api/v1/tiers/alerts', { params: { query: cleanQuery({ from, to }) } }))
export const previewCategoryRules = (rules: CategoryRuleWrite[]) =>
  unwrap(api.POST('/api/v1/category-rules/preview', { body: { rules } }))
export const saveCategoryRules = (rules: CategoryRuleWrite[]) => unwrap(api.PUT('/api/v1/category-rules', { body: { rules } }))
export const getTierLevels = () => unwrap(api.GET('/api/v1/tiers/levels'))
export const getTierAbc = () => unwrap(api.GET('/api/v1/tiers/abc'))
export const getTierDeciles = (by: DecileBasis) => unwrap(api.GET('/api/v1/tiers/deciles', { params: { query: { by } } }))
export const getTierSettings = () => unwrap(api.GET('/api/v1/tier-settings'))
export const updateTierSettings = (version: number, body: TierSettingsUpdate) =>
  unwrap(api.PUT('/api/v1/tier-settings', { params: { header: { 'If-Match': ifMatch(version) } }, body }))
export const recomputeTiers = () => unwrap(api.POST('/api/v1/tiers/recompute'))
export const listTierRuns = (limit = 10) => unwrap(api.GET('/api/v1/tiers/runs', { params: { query: { limit } } }))

// The partition checked against the level (docs/domain.md section 5, "Partition and level").
export type PartitionRuleUpdate = import('@/api/schema').components['schemas']['PartitionRuleUpdate']
export const partitionCheckKey = ['tiers', 'partition-check'] as const
export const partitionRuleKey = ['tiers', 'partition-rule'] as const
export const customerTiersKey = (id: number) => ['customers', 'detail', id, 'tiers'] as const
export const getPartitionCheck = (cursor?: string | null, limit = 20) =>
  unwrap(api.GET('/api/v1/tiers/partition-check', { params: { query: cleanQuery({ limit, cursor }) } }))
export const fixPartitions = (customerIds: number[]) =>
  unwrap(api.POST('/api/v1/tiers/partition-check/fix', { body: { customer_ids: customerIds } }))
export const getPartitionRule = () => unwrap(api.GET('/api/v1/tiers/partition-rule'))
export const updatePartitionRule = (version: number, body: PartitionRuleUpdate) =>
  unwrap(api.PUT('/api/v1/tiers/partition-rule', { params: { header: { 'If-Match': ifMatch(version) } }, body }))
export const getCustomerTiers = (customerId: number) =>
  unwrap(api.GET('/api/v1/customers/{customer_id}/tiers', { params: { path: { customer_id: customerId } } }))
