/** Customers: the list, a customer, ownership and reassignment, the change log, contacts. */
import { api, ifMatch, unwrap } from '@/api/client'
import { cleanQuery } from '@/api/queries'
import type { ContactCreate, ContactUpdate, CustomerCreate, CustomerListQuery, CustomerUpdate } from '@/api/types'

export const listCustomers = (query: CustomerListQuery) =>
  unwrap(api.GET('/api/v1/customers', { params: { query: cleanQuery(query) } }))
/** How many customers the list's filters match, in the caller's scope (exact up to 10,000). */
export const countCustomers = (query: Partial<CustomerListQuery>) =>
  unwrap(api.GET('/api/v1/customers/count', { params: { query: cleanQuery(query) } }))
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
