import type { Messages } from '@/i18n/messages'
import type zh from './zh-CN'

const messages: Messages<typeof zh> = {
  transactions: {
    title: 'Transactions', empty: 'This customer has no orders yet',
    facts: {
      net_revenue: 'Lifetime net revenue', net_revenue_12m: '12-month net revenue', order_count: 'Orders', average_order_value: 'Average order value',
      discount_share: 'Discount share', cancellation_rate: 'Cancellation rate', return_rate: 'Return rate', typical_purchase_interval_days: 'Purchase interval',
      first_order_at: 'First order', last_order_at: 'Last order', ordersPlaced: '{n} placed incl. cancelled', cancelledCount: '{n} cancelled', returnedCount: '{n} returned', days: '{n} days',
    },
    chart: { title: 'Net revenue per month', revenue: 'Net revenue', orders: 'Orders' },
    orders: { title: 'Orders (newest first)', empty: 'No orders', more: 'Load older orders' },
    fields: {
      external_id: 'Order no.', ordered_at: 'Ordered', status: 'Status', kind: 'Kind', total_amount: 'Total', net_amount: 'Net',
      discount_amount: 'Discount', returned_amount: 'Returned', currency: 'Currency', store_code: 'Store', original_order_id: 'Original order',
      lines: 'Lines', source: 'Source', version: 'Version', updated_at: 'Updated',
    },
    lines: {
      line_no: 'Line', sku: 'SKU', product_name: 'Product', quantity: 'Qty', unit_price: 'Unit price', discount_amount: 'Discount', amount: 'Amount',
      empty: 'No lines',
    },
    detail: {
      title: 'Order {id}', lines: 'Lines', history: 'Version history', historyEmpty: 'The ERP has not changed this order',
      replaced: 'v{version}, replaced {at}', changedIn: 'Changed in v{version}:', noChanges: 'No field changed',
      oldLines: 'Lines before ({n})', openOriginal: 'Open the original order',
    },
  },
  orderStatuses: {
    placed: 'Placed', confirmed: 'Confirmed', delivered: 'Delivered', cancelled: 'Cancelled', returned: 'Returned', partially_returned: 'Partly returned',
  },
  orderKinds: { order: 'Order', return: 'Return' },
}

export default messages
