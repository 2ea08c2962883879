/** Loyalty: RFM, health, lifecycle stages, value classes, lifetime value, the loyalty settings. */
import { api, ifMatch, unwrap } from '@/api/client'
import { cleanQuery } from '@/api/queries'
import type { LoyaltySettingsUpdate } from '@/api/types'

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
