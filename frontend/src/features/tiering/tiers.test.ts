import { describe, expect, it } from 'vitest'
import {
  categoryColour,
  categoryOf,
  categoryTotals,
  customerListQuery,
  gradedTotal,
  matrixGrid,
  ruleLabel,
  rulePositioning,
  tierFiltersFromQuery,
  transitionChartOption,
  transitionHeatmap,
  NOT_SCORED_COLOUR,
  type MatrixCellLike,
} from './tiers'
import type { CategoryRule, Grade } from '@/api/types'

const rule = (
  key: string,
  zh: string,
  en: string,
  potential: Grade[] = [],
  possibility: Grade[] = [],
  basis: Grade[] = [],
): CategoryRule => ({
  key,
  label_zh: zh,
  label_en: en,
  positioning_zh: `${zh}定位`,
  positioning_en: `${en} positioning`,
  potential,
  possibility,
  basis,
})

// The seed's rules (docs/domain.md section 5).
const RULES = [
  rule('stronghold', '阵地客户', 'Stronghold', ['A', 'B'], ['A'], ['A']),
  rule('gold_mine', '金矿客户', 'Gold mine', ['A', 'B'], ['A'], ['B', 'C']),
  rule('marginal', '鸡肋客户', 'Marginal', ['B', 'C'], ['A', 'B'], ['A', 'B']),
  rule('watch', '观察客户', 'Watch'),
]

const cell = (grades: string, category: string | null, customers: number): MatrixCellLike => ({
  potential: grades[0] as Grade,
  possibility: grades[1] as Grade,
  basis: grades[2] as Grade,
  category,
  customers,
})

describe('labels', () => {
  it('uses the label of the UI language, falling back to the other one and the key', () => {
    expect(ruleLabel(RULES[0], 'zh-CN')).toBe('阵地客户')
    expect(ruleLabel(RULES[0], 'en')).toBe('Stronghold')
    expect(ruleLabel({ label_zh: '只有中文', label_en: '' }, 'en')).toBe('只有中文')
    expect(ruleLabel(undefined, 'en', 'gone')).toBe('gone')
    expect(rulePositioning(RULES[1], 'en')).toBe('Gold mine positioning')
    expect(rulePositioning(null, 'en')).toBe('')
  })

  it('colours categories by rule position, unknown and not scored in grey', () => {
    expect(categoryColour(RULES, 'stronghold')).not.toBe(categoryColour(RULES, 'gold_mine'))
    expect(categoryColour(RULES, null)).toBe(NOT_SCORED_COLOUR)
    expect(categoryColour(RULES, 'gone')).toBe(NOT_SCORED_COLOUR)
  })
})

describe('category matrix', () => {
  const cells = [
    cell('AAA', 'stronghold', 5),
    cell('BAA', 'stronghold', 3),
    cell('AAC', 'gold_mine', 4),
    cell('CCC', 'watch', 8),
    cell('BBB', 'retired', 2),
  ]

  it('totals customers per category in rule order, zeros kept, unknown categories last', () => {
    const totals = categoryTotals(RULES, cells)
    expect(totals.map((t) => [t.key, t.customers])).toEqual([
      ['stronghold', 8],
      ['gold_mine', 4],
      ['marginal', 0],
      ['watch', 8],
      ['retired', 2],
    ])
    expect(totals[0]!.share).toBeCloseTo(8 / 22)
    expect(totals[4]!.rule).toBeNull()
    expect(totals.reduce((a, t) => a + t.share, 0)).toBeCloseTo(1)
  })

  it('gives zero shares when nobody is graded', () => {
    expect(categoryTotals(RULES, []).every((t) => t.customers === 0 && t.share === 0)).toBe(true)
  })

  it('lays the cells out as potential rows x possibility columns split by basis', () => {
    const grid = matrixGrid(cells, RULES)
    expect(grid).toHaveLength(3)
    expect(grid.every((row) => row.length === 3)).toBe(true)
    const aa = grid[0]![0]!
    expect([aa.potential, aa.possibility]).toEqual(['A', 'A'])
    expect(aa.byBasis.map((b) => [b.basis, b.customers, b.category])).toEqual([
      ['A', 5, 'stronghold'],
      ['B', 0, 'gold_mine'],
      ['C', 4, 'gold_mine'],
    ])
    expect(aa.total).toBe(9)
    expect(grid[1]![0]!.byBasis[0]).toEqual({ basis: 'A', customers: 3, category: 'stronghold' })
    // The server's category wins over the rules (it may be from older rules).
    expect(grid[1]![1]!.byBasis[1]).toEqual({ basis: 'B', customers: 2, category: 'retired' })
    expect(grid[2]![2]!.byBasis[2]!.customers).toBe(8)
  })

  it('adds up repeated cells and leaves empty combinations uncategorised without rules', () => {
    const grid = matrixGrid([cell('ABC', 'gold_mine', 1), cell('ABC', 'gold_mine', 2)])
    expect(grid[0]![1]!.byBasis[2]!.customers).toBe(3)
    expect(grid[0]![0]!.byBasis[0]!.category).toBeNull()
    expect(gradedTotal(cells)).toBe(22)
  })

  it('categorises grades with the first matching rule', () => {
    expect(categoryOf(RULES, { potential: 'B', possibility: 'A', basis: 'A' })).toBe('stronghold')
    expect(categoryOf(RULES, { potential: 'C', possibility: 'A', basis: 'A' })).toBe('marginal')
    expect(categoryOf(RULES, { potential: 'A', possibility: 'B', basis: 'A' })).toBe('watch')
    expect(categoryOf(RULES.slice(0, 1), { potential: 'C', possibility: 'C', basis: 'C' })).toBeNull()
  })
})

describe('transition heatmap', () => {
  const label = (r: { label_en: string } | null, key: string | null) => (key === null ? 'Not scored' : (r?.label_en ?? key))
  const cells = [
    { from_category: 'stronghold', to_category: 'stronghold', customers: 10, direction: 0 },
    { from_category: 'gold_mine', to_category: 'stronghold', customers: 4, direction: 1 },
    { from_category: 'stronghold', to_category: 'watch', customers: 2, direction: -1 },
    { from_category: null, to_category: 'marginal', customers: 3, direction: 0 },
    { from_category: 'watch', to_category: null, customers: 1, direction: 0 },
    { from_category: 'retired', to_category: 'watch', customers: 1, direction: 0 },
    { from_category: 'marginal', to_category: 'watch', customers: 0, direction: -1 },
  ]

  it('puts categories in rule order on both axes, unknown ones and "not scored" last', () => {
    const h = transitionHeatmap(RULES, cells, label)
    expect(h.keys).toEqual(['stronghold', 'gold_mine', 'marginal', 'watch', 'retired', null])
    expect(h.labels).toEqual(['Stronghold', 'Gold mine', 'Marginal', 'Watch', 'retired', 'Not scored'])
  })

  it('makes [to, from, customers] points without empty cells, and the totals by direction', () => {
    const h = transitionHeatmap(RULES, cells, label)
    expect(h.data).toEqual([
      [0, 0, 10],
      [3, 0, 2],
      [0, 1, 4],
      [5, 3, 1],
      [3, 4, 1],
      [2, 5, 3],
    ])
    expect(h.max).toBe(10)
    expect(h.summary).toEqual({ promoted: 4, demoted: 2, unchanged: 11, entered: 3, left: 1 })
  })

  it('builds a heatmap option with the labels on both axes and the colour range up to the largest cell', () => {
    const h = transitionHeatmap(RULES, cells, label)
    const o = transitionChartOption(h, { from: '2026Q2', to: '2026Q3', customers: 'Customers' }) as Record<string, any>
    expect(o.xAxis.data).toEqual(h.labels)
    expect(o.yAxis.data).toEqual(h.labels)
    expect(o.yAxis.inverse).toBe(true)
    expect(o.visualMap.max).toBe(10)
    expect(o.series[0].type).toBe('heatmap')
    expect(o.series[0].data).toBe(h.data)
    const tip = o.tooltip.formatter({ value: [0, 1, 4] })
    expect(tip).toContain('Gold mine')
    expect(tip).toContain('Stronghold')
    expect(tip).toContain('4')
  })

  it('keeps the colour range positive when nothing moved', () => {
    const h = transitionHeatmap(RULES, [], label)
    expect(h.data).toEqual([])
    const o = transitionChartOption(h, { from: 'a', to: 'b', customers: 'c' }) as Record<string, any>
    expect(o.visualMap.max).toBe(1)
  })
})

describe('customer list tier filters', () => {
  it('keeps the tier filters the API accepts and drops the rest', () => {
    expect(
      tierFiltersFromQuery({
        category: 'gold_mine',
        potential: 'B',
        possibility: ['A', 'B'],
        basis: 'D',
        key_account_level: 'special',
        abc_class: 'a',
        q: 'hotel',
      }),
    ).toEqual({ category: 'gold_mine', potential: 'B', possibility: 'A', key_account_level: 'special' })
    expect(tierFiltersFromQuery({ category: 'Bad Key' })).toEqual({})
  })

  it('turns filters into a route query without empty values', () => {
    expect(customerListQuery({ potential: 'A', possibility: 'B', basis: 'C', category: '' })).toEqual({
      potential: 'A',
      possibility: 'B',
      basis: 'C',
    })
  })
})
