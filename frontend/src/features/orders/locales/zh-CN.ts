// Orders: the customer's transactions, an order's lines and versions.
const messages = {
  transactions: {
    title: '交易', empty: '该客户暂无订单',
    facts: {
      net_revenue: '累计净收入', net_revenue_12m: '近 12 个月净收入', order_count: '成交订单', average_order_value: '平均订单金额',
      discount_share: '折扣占比', cancellation_rate: '取消率', return_rate: '退货率', typical_purchase_interval_days: '平均采购间隔',
      first_order_at: '首次下单', last_order_at: '最近下单', ordersPlaced: '含取消共 {n} 笔', cancelledCount: '{n} 笔取消', returnedCount: '{n} 笔退货', days: '{n} 天',
    },
    chart: { title: '月度净收入', revenue: '净收入', orders: '订单数' },
    orders: { title: '订单（最新在前）', empty: '暂无订单', more: '加载更早的订单' },
    fields: {
      external_id: '订单号', ordered_at: '下单时间', status: '状态', kind: '类型', total_amount: '订单金额', net_amount: '净额',
      discount_amount: '折扣金额', returned_amount: '退货金额', currency: '币种', store_code: '门店', original_order_id: '原订单',
      lines: '明细', source: '来源', version: '版本', updated_at: '更新时间',
    },
    lines: {
      line_no: '行', sku: 'SKU', product_name: '商品', quantity: '数量', unit_price: '单价', discount_amount: '折扣', amount: '金额',
      empty: '无明细',
    },
    detail: {
      title: '订单 {id}', lines: '订单明细', history: '版本历史', historyEmpty: 'ERP 未修改过此订单',
      replaced: 'v{version}，替换于 {at}', changedIn: 'v{version} 中的变化：', noChanges: '无字段变化',
      oldLines: '替换前的明细（{n} 行）', openOriginal: '查看原订单',
    },
  },
  orderStatuses: {
    placed: '已下单', confirmed: '已确认', delivered: '已交付', cancelled: '已取消', returned: '已退货', partially_returned: '部分退货',
  },
  orderKinds: { order: '订单', return: '退货单' },
}

export default messages
