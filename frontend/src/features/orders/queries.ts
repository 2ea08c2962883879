/** Orders: a customer's orders and transaction facts, one order with its versions. */
import { api, unwrap } from '@/api/client'
import { cleanQuery } from '@/api/queries'

export const listCustomerOrders = (customerId: number, cursor?: string | null, limit = 20) =>
  unwrap(
    api.GET('/api/v1/customers/{customer_id}/orders', {
      params: { path: { customer_id: customerId }, query: cleanQuery({ limit, cursor }) },
    }),
  )
export const getCustomerFacts = (customerId: number) =>
  unwrap(api.GET('/api/v1/customers/{customer_id}/facts', { params: { path: { customer_id: customerId } } }))
export const getOrder = (id: number) => unwrap(api.GET('/api/v1/orders/{order_id}', { params: { path: { order_id: id } } }))
