/** Complaints: the queue, a complaint, the flow's actions (If-Match: the complaint's version). */
import type { QueryClient } from '@tanstack/vue-query'
import { api, ifMatch, unwrap } from '@/api/client'
import { cleanQuery, qk } from '@/api/queries'
import type { ComplaintCreate, ComplaintListQuery, ComplaintRead, Remedy, TaskMember } from '@/api/types'

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
/** A customer's complaints as its 360 card lists them (the first page also comes with the customer's overview). */
export const customerComplaintsQuery = (customerId: number): ComplaintListQuery => ({ customer_id: customerId, limit: 10 })
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
  unwrap(
    api.POST('/api/v1/complaints/{complaint_id}/confirm', { params: complaintParams(id, version), body: { verified, note } }),
  )
export const setComplaintTaskGroup = (id: number, version: number, members: TaskMember[]) =>
  unwrap(api.POST('/api/v1/complaints/{complaint_id}/task-group', { params: complaintParams(id, version), body: { members } }))
export const resolveComplaint = (id: number, version: number, remedies: Remedy[], note: string) =>
  unwrap(
    api.POST('/api/v1/complaints/{complaint_id}/resolve', { params: complaintParams(id, version), body: { remedies, note } }),
  )
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
