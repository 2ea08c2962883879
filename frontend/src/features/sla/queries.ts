/** SLA: the report, business calendars and SLA policies (If-Match: the row's version). */
import { api, ifMatch, unwrap } from '@/api/client'
import { cleanQuery } from '@/api/queries'
import type { SlaCalendarWrite, SlaPolicyWrite, SlaReportQuery } from '@/api/types'

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
export const createSlaCalendar = (body: SlaCalendarWrite) => unwrap(api.POST('/api/v1/sla/calendars', { body }))
export const updateSlaCalendar = (id: number, version: number, body: SlaCalendarWrite) =>
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
export const createSlaPolicy = (body: SlaPolicyWrite) => unwrap(api.POST('/api/v1/sla/policies', { body }))
export const updateSlaPolicy = (id: number, version: number, body: SlaPolicyWrite) =>
  unwrap(
    api.PUT('/api/v1/sla/policies/{policy_id}', {
      params: { path: { policy_id: id }, header: { 'If-Match': ifMatch(version) } },
      body,
    }),
  )
