/**
 * The customer 360 page loads in one request (GET /customers/{id}/overview) and primes every card's own query
 * with its part, so the cards render without asking again; their later pages and refreshes after an edit go to
 * the single endpoints. On a slow network this is one round trip instead of ten.
 */
import type { QueryClient } from '@tanstack/vue-query'
import { api, unwrap } from '@/api/client'
import { qk } from '@/api/queries'
import { complaintKeys, customerComplaintsQuery } from '@/features/complaints/queries'
import { customerTiersKey } from '@/features/tiering/queries'
import { visitKeys } from '@/features/visits/queries'

export const overviewKey = (id: number) => ['customer-overview', id] as const

export async function loadCustomerOverview(qc: QueryClient, id: number) {
  const o = await unwrap(api.GET('/api/v1/customers/{customer_id}/overview', { params: { path: { customer_id: id } } }))
  const firstPage = <T>(page: T) => ({ pages: [page], pageParams: [null] })
  qc.setQueryData(qk.customer(id), o.customer)
  qc.setQueryData(qk.contacts(id), o.contacts)
  qc.setQueryData(qk.ownership(id), o.ownership)
  qc.setQueryData(qk.audit(id), firstPage(o.audit))
  qc.setQueryData(qk.facts(id), o.facts)
  qc.setQueryData(qk.orders(id), firstPage(o.orders))
  qc.setQueryData(qk.tierHistory(id), o.tier_history)
  qc.setQueryData(customerTiersKey(id), o.tiers)
  qc.setQueryData(qk.customerScoreSheets(id), o.score_sheets)
  qc.setQueryData(qk.customerLoyalty(id), o.loyalty)
  qc.setQueryData(complaintKeys.list(customerComplaintsQuery(id)), firstPage({ ...o.complaints, fetchedAt: Date.now() }))
  qc.setQueryData(visitKeys.plan(id), o.visit_plan)
  qc.setQueryData(visitKeys.customer(id), firstPage(o.visits))
  return o
}
