import { describe, expect, it } from 'vitest'
import {
  abcCutoffs,
  decileLabel,
  levelChartOption,
  paretoChartOption,
  settingsChanged,
  settingsProblems,
  toSettingsDraft,
  toSettingsUpdate,
} from './tierValue'

const fmt = {
  money: (n: number) => `¥${n}`,
  compact: (n: number) => `${n / 1000}K`,
  integer: (n: number) => n.toLocaleString('en'),
}

describe('levels chart', () => {
  it('draws customers and revenue per level in the order given', () => {
    const o = levelChartOption(
      [
        { level: 'special', customers: 5, revenue_12m: '33294870.31' },
        { level: 'A', customers: 108, revenue_12m: '201738769.69' },
        { level: 'B', customers: 0, revenue_12m: '0.00' },
      ],
      { level: (l) => `L-${l}`, customers: 'Customers', revenue: 'Revenue' },
      fmt,
    ) as Record<string, any>
    expect(o.xAxis.data).toEqual(['L-special', 'L-A', 'L-B'])
    expect(o.series[0].data).toEqual([5, 108, 0])
    expect(o.series[1].data).toEqual([33294870.31, 201738769.69, 0])
    expect(o.series[1].yAxisIndex).toBe(1)
    const tip = o.tooltip.formatter([
      { axisValueLabel: 'L-A', seriesIndex: 0, value: 1420, seriesName: 'Customers' },
      { axisValueLabel: 'L-A', seriesIndex: 1, value: 2000, seriesName: 'Revenue' },
    ])
    expect(tip).toBe('L-A<br/>Customers: <b>1,420</b><br/>Revenue: <b>¥2000</b>')
    expect(o.series[0].label.formatter({ value: 1420 })).toBe('1,420')
  })
})

const point = (customers_percent: number, revenue_percent: number, revenue = 100) => ({
  customers: 10,
  revenue_12m: String(revenue),
  customers_percent: String(customers_percent),
  revenue_percent: String(revenue_percent),
})
// Ten steps of 10 % of the customers.
const POINTS = [40, 60, 72, 80, 86, 91, 95, 98, 99.5, 100].map((r, i) => point((i + 1) * 10, r))

describe('ABC cut-offs', () => {
  it('finds the first step reaching the A share and the A + B shares', () => {
    expect(abcCutoffs(POINTS, 80, 15)).toEqual({ aPercent: 80, bPercent: 95, aIndex: 3, bIndex: 6 })
  })

  it('caps A + B at 100 and reports a share never reached', () => {
    expect(abcCutoffs(POINTS.slice(0, 2), 70, 40)).toEqual({ aPercent: 70, bPercent: 100, aIndex: -1, bIndex: -1 })
    expect(abcCutoffs([], 80, 15).aIndex).toBe(-1)
  })
})

describe('Pareto chart', () => {
  const labels = { revenue: 'Revenue', cumulative: 'Cumulative', customers: 'Customers', zone: (c: string) => `Class ${c}` }

  it('draws step revenue as bars and the cumulative share as a line, with the cut-offs marked', () => {
    const o = paretoChartOption(POINTS, abcCutoffs(POINTS, 80, 15), labels, fmt) as Record<string, any>
    expect(o.xAxis.data[0]).toBe('10%')
    expect(o.xAxis.data[9]).toBe('100%')
    expect(o.series[0].type).toBe('bar')
    expect(o.series[0].data).toHaveLength(10)
    expect(o.series[1].type).toBe('line')
    expect(o.series[1].data.slice(0, 4)).toEqual([40, 60, 72, 80])
    expect(o.series[1].markLine.data.map((d: { yAxis: number }) => d.yAxis)).toEqual([80, 95])
    expect(o.yAxis[1].max).toBe(100)
    // Zones: A up to the step reaching 80 %, B to the one reaching 95 %, C the rest.
    expect(
      o.series[0].markArea.data.map((z: [{ name: string; xAxis: string }, { xAxis: string }]) => [
        z[0].name,
        z[0].xAxis,
        z[1].xAxis,
      ]),
    ).toEqual([
      ['Class A', '10%', '40%'],
      ['Class B', '50%', '70%'],
      ['Class C', '80%', '100%'],
    ])
    expect(o.tooltip.formatter([{ dataIndex: 3 }])).toContain('80%')
  })

  it('shades everything A when the shares are never reached, and nothing without points', () => {
    const few = POINTS.slice(0, 2)
    const o = paretoChartOption(few, abcCutoffs(few, 80, 15), labels, fmt) as Record<string, any>
    expect(o.series[0].markArea.data).toHaveLength(1)
    const none = paretoChartOption([], abcCutoffs([], 80, 15), labels, fmt) as Record<string, any>
    expect(none.series[0].markArea.data).toEqual([])
  })
})

describe('deciles', () => {
  it('labels deciles by the share of customers they reach', () => {
    expect(decileLabel(1)).toBe('10%')
    expect(decileLabel(10)).toBe('100%')
  })
})

describe('tier settings', () => {
  const saved = {
    level_special: '5000000.00',
    level_a: '1000000.00',
    level_b: '200000.00',
    abc_a_percent: '80.00',
    abc_b_percent: '15.00',
  }

  it('edits numbers and sends decimal strings', () => {
    const d = toSettingsDraft(saved)
    expect(d).toEqual({ level_special: 5000000, level_a: 1000000, level_b: 200000, abc_a_percent: 80, abc_b_percent: 15 })
    expect(settingsProblems(d)).toEqual({})
    expect(settingsChanged(saved, d)).toBe(false)
    d.level_b = 250000.5
    expect(settingsChanged(saved, d)).toBe(true)
    expect(toSettingsUpdate(d)).toEqual({
      level_special: '5000000.00',
      level_a: '1000000.00',
      level_b: '250000.50',
      abc_a_percent: '80',
      abc_b_percent: '15',
    })
  })

  it('names the field the server would reject', () => {
    const d = toSettingsDraft(saved)
    expect(settingsProblems({ ...d, level_b: 2000000 })).toEqual({ level_a: 'levelOrder' })
    expect(settingsProblems({ ...d, level_a: 6000000 })).toEqual({ level_special: 'levelOrder' })
    expect(settingsProblems({ ...d, abc_a_percent: 0 })).toEqual({ abc_a_percent: 'abcA' })
    expect(settingsProblems({ ...d, abc_b_percent: 25 })).toEqual({ abc_b_percent: 'abcSum' })
    expect(settingsProblems({ ...d, level_special: null })).toEqual({ level_special: 'required' })
  })
})
