/** Visits: the due list, the visit list, a visit and its steps (If-Match: the visit's version), outcomes, plans. */
import type { QueryClient } from '@tanstack/vue-query'
import { api, ifMatch, unwrap } from '@/api/client'
import { cleanQuery, qk } from '@/api/queries'
import type { DueVisitQuery, VisitCheckIn, VisitCompletion, VisitCreate, VisitListQuery, VisitRead } from '@/api/types'

export const visitKeys = {
  all: ['visits'] as const,
  lists: ['visits', 'list'] as const,
  list: (q: VisitListQuery) => ['visits', 'list', q] as const,
  due: (q: DueVisitQuery) => ['visits', 'due', q] as const,
  detail: (id: number) => ['visits', 'detail', id] as const,
  outcomes: ['visits', 'outcomes'] as const,
  customer: (customerId: number) => ['visits', 'customer', customerId] as const,
  plan: (customerId: number) => ['visits', 'plan', customerId] as const,
}

/** The page size of a customer's visits on its 360 card (the first page also comes with the customer's overview). */
export const CUSTOMER_VISITS_PAGE = 10

/** After a visit was planned or moved on: its detail is what the server answered; the lists, the due list, its
 * customer's card and plan and change log are fetched again. */
export function rememberVisit(qc: QueryClient, visit: VisitRead): void {
  qc.setQueryData(visitKeys.detail(visit.id), visit)
  void qc.invalidateQueries({ queryKey: visitKeys.lists })
  void qc.invalidateQueries({ queryKey: ['visits', 'due'] })
  void qc.invalidateQueries({ queryKey: visitKeys.customer(visit.customer_id) })
  void qc.invalidateQueries({ queryKey: visitKeys.plan(visit.customer_id) })
  void qc.invalidateQueries({ queryKey: qk.audit(visit.customer_id) })
}

export const listVisits = (query: VisitListQuery) => unwrap(api.GET('/api/v1/visits', { params: { query: cleanQuery(query) } }))
export const listDueVisits = (query: DueVisitQuery) =>
  unwrap(api.GET('/api/v1/visits/due', { params: { query: cleanQuery(query) } }))
export const getVisit = (id: number) => unwrap(api.GET('/api/v1/visits/{visit_id}', { params: { path: { visit_id: id } } }))
export const listOutcomes = () => unwrap(api.GET('/api/v1/visit-outcomes'))
export const customerVisits = (customerId: number, cursor: string | null) =>
  unwrap(
    api.GET('/api/v1/customers/{customer_id}/visits', {
      params: {
        path: { customer_id: customerId },
        query: cleanQuery({ limit: CUSTOMER_VISITS_PAGE, cursor: cursor ?? undefined }),
      },
    }),
  )
export const customerVisitPlan = (customerId: number) =>
  unwrap(api.GET('/api/v1/customers/{customer_id}/visit-plan', { params: { path: { customer_id: customerId } } }))
export const planVisit = (body: VisitCreate) => unwrap(api.POST('/api/v1/visits', { body }))

const visitParams = (id: number, version: number) => ({ path: { visit_id: id }, header: { 'If-Match': ifMatch(version) } })
export const checkInVisit = (id: number, version: number, body: VisitCheckIn) =>
  unwrap(api.POST('/api/v1/visits/{visit_id}/check-in', { params: visitParams(id, version), body }))
export const completeVisit = (id: number, version: number, body: VisitCompletion) =>
  unwrap(api.POST('/api/v1/visits/{visit_id}/complete', { params: visitParams(id, version), body }))
export const cancelVisit = (id: number, version: number, reason: string | null) =>
  unwrap(api.POST('/api/v1/visits/{visit_id}/cancel', { params: visitParams(id, version), body: { reason } }))
export const markVisitMissed = (id: number, version: number, reason: string | null) =>
  unwrap(api.POST('/api/v1/visits/{visit_id}/missed', { params: visitParams(id, version), body: { reason } }))
