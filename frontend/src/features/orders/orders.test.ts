import { describe, expect, it } from 'vitest'
import { monthKey, monthlySeries, monthsBetween, orderChanges, revenueChartOption } from './orders'

const m = (month: string, net_revenue: string, order_count: number) => ({ month, net_revenue, order_count })

describe('months', () => {
  it('reads the month of a date', () => {
    expect(monthKey('2026-11-01')).toBe('2026-11')
    expect(monthKey('2026-02')).toBe('2026-02')
    expect(monthKey('2026-13-01')).toBeNull()
    expect(monthKey('')).toBeNull()
    expect(monthKey(null)).toBeNull()
  })

  it('lists every month between two, across years', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(monthsBetween('2026-05', '2026-05')).toEqual(['2026-05'])
    expect(monthsBetween('2026-05', '2026-04')).toEqual([])
  })
})

describe('monthlySeries', () => {
  it('fills months without orders with zero so the axis is continuous', () => {
    const s = monthlySeries([m('2025-11-01', '100.50', 2), m('2026-02-01', '40.00', 1)])
    expect(s.months).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(s.revenue).toEqual([100.5, 0, 0, 40])
    expect(s.orders).toEqual([2, 0, 0, 1])
  })

  it('sorts the months and adds up duplicates', () => {
    const s = monthlySeries([m('2026-03-01', '10.10', 1), m('2026-01-01', '5', 1), m('2026-03-01', '0.20', 2)])
    expect(s.months).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(s.revenue).toEqual([5, 0, 10.3])
    expect(s.orders).toEqual([1, 0, 3])
  })

  it('runs on to the current month, but never cuts data off', () => {
    const s = monthlySeries([m('2026-08-01', '1', 1)], '2026-11')
    expect(s.months).toEqual(['2026-08', '2026-09', '2026-10', '2026-11'])
    expect(s.revenue).toEqual([1, 0, 0, 0])
    const earlier = monthlySeries([m('2026-08-01', '1', 1), m('2026-09-01', '2', 1)], '2026-01')
    expect(earlier.months).toEqual(['2026-08', '2026-09'])
  })

  it('keeps negative months (returns outweigh sales) and is empty without data', () => {
    expect(monthlySeries([m('2026-01-01', '-250.00', 0)]).revenue).toEqual([-250])
    expect(monthlySeries([], '2026-11')).toEqual({ months: [], revenue: [], orders: [] })
    expect(monthlySeries([m('junk', '1', 1)])).toEqual({ months: [], revenue: [], orders: [] })
  })

  it('adds decimal strings without float noise', () => {
    const s = monthlySeries([m('2026-01-01', '0.10', 1), m('2026-01-01', '0.20', 1)])
    expect(s.revenue).toEqual([0.3])
  })
})

describe('orderChanges', () => {
  const current = {
    status: 'delivered',
    ordered_at: '2026-11-20T02:00:00Z',
    total_amount: '200.00',
    returned_amount: null,
    discount_amount: '0.00',
    net_amount: '200.00',
    currency: 'CNY',
    store_code: null,
    kind: 'order',
    original_order_id: null,
    version: 2,
    updated_at: '2026-11-23T11:58:38Z',
    lines: [
      {
        line_no: 1,
        sku: 'A1',
        product_name: '测试品',
        quantity: '2.000',
        unit_price: '100.0000',
        discount_amount: '0.00',
        amount: '200.00',
      },
    ],
  }
  // A stored version keeps amounts as JSON numbers and instants with an offset.
  const stored = {
    ...current,
    status: 'placed',
    ordered_at: '2026-11-20T02:00:00+00:00',
    total_amount: 200.0,
    discount_amount: 0.0,
    net_amount: 200.0,
    version: 1,
    updated_at: '2026-11-23T11:00:00+00:00',
    lines: [{ sku: 'A1', line_no: 1, quantity: 2.0, unit_price: 100.0, product_name: '测试品', discount_amount: 0.0 }],
  }

  it('reports only what changed, comparing amounts and instants by value', () => {
    expect(orderChanges(stored, current)).toEqual([{ field: 'status', before: 'placed', after: 'delivered' }])
  })

  it('reports changed amounts and lines in the order they are shown', () => {
    const after = {
      ...current,
      total_amount: '300.00',
      net_amount: '300.00',
      lines: [
        ...current.lines,
        {
          line_no: 2,
          sku: 'B2',
          product_name: '另一件',
          quantity: '1',
          unit_price: '100',
          discount_amount: '0',
          amount: '100.00',
        },
      ],
    }
    expect(orderChanges(stored, after).map((c) => c.field)).toEqual(['status', 'total_amount', 'net_amount', 'lines'])
    const amount = orderChanges(stored, after).find((c) => c.field === 'total_amount')
    expect(amount).toEqual({ field: 'total_amount', before: 200, after: '300.00' })
  })

  it('treats a missing field as empty and ignores bookkeeping fields', () => {
    expect(orderChanges({ status: 'placed', store_code: undefined }, { status: 'placed', store_code: null, version: 9 })).toEqual(
      [],
    )
    expect(orderChanges(null, { status: 'placed' })).toEqual([{ field: 'status', before: null, after: 'placed' }])
  })
})

describe('revenueChartOption', () => {
  const series = monthlySeries([m('2026-01-01', '1000', 2), m('2026-03-01', '250', 1)])
  const option = revenueChartOption(
    series,
    { revenue: 'Net revenue', orders: 'Orders' },
    { money: (n) => `¥${n}`, compact: (n) => `${n / 1000}k` },
  )

  it('draws revenue as bars on the left axis and orders as a line on the right', () => {
    const s = option.series as { type: string; name: string; data: number[]; yAxisIndex: number }[]
    expect(s.map((x) => [x.type, x.name, x.yAxisIndex])).toEqual([
      ['bar', 'Net revenue', 0],
      ['line', 'Orders', 1],
    ])
    expect(s[0]!.data).toEqual([1000, 0, 250])
    expect(s[1]!.data).toEqual([2, 0, 1])
    expect((option.xAxis as { data: string[] }).data).toEqual(['2026-01', '2026-02', '2026-03'])
  })

  it('formats the tooltip and the revenue axis with the given formatters', () => {
    const tooltip = option.tooltip as { formatter: (p: unknown) => string }
    const html = tooltip.formatter([
      { axisValueLabel: '2026-01', seriesName: 'Net revenue', seriesIndex: 0, value: 1000, marker: '' },
      { axisValueLabel: '2026-01', seriesName: 'Orders', seriesIndex: 1, value: 2, marker: '' },
    ])
    expect(html).toBe('2026-01<br/>Net revenue: <b>¥1000</b><br/>Orders: <b>2</b>')
    const yAxis = option.yAxis as { axisLabel?: { formatter: (v: number) => string } }[]
    expect(yAxis[0]!.axisLabel!.formatter(2000)).toBe('2k')
  })
})
