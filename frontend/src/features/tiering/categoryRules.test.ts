import { describe, expect, it } from 'vitest'
import {
  freshKey,
  matchesAny,
  moveItem,
  newDraft,
  normalGrades,
  ruleProblems,
  rulesChanged,
  toDraft,
  toWrite,
} from './categoryRules'
import type { CategoryRule, Grade } from '@/api/types'

const rule = (key: string, potential: Grade[] = [], possibility: Grade[] = [], basis: Grade[] = []): CategoryRule => ({
  key,
  label_zh: `${key}中文`,
  label_en: key,
  positioning_zh: '',
  positioning_en: '',
  potential,
  possibility,
  basis,
})
const SEED = [
  rule('stronghold', ['A', 'B'], ['A'], ['A']),
  rule('gold_mine', ['A', 'B'], ['A'], ['B', 'C']),
  rule('marginal', ['B', 'C'], ['A', 'B'], ['A', 'B']),
  rule('watch'),
]
const codes = (drafts: ReturnType<typeof toDraft>[]) => ruleProblems(drafts).map((p) => [p.index, p.code, p.blocking])

describe('grade sets', () => {
  it('sorts grades and treats all three as any', () => {
    expect(normalGrades(['C', 'A'])).toEqual(['A', 'C'])
    expect(normalGrades(['C', 'B', 'A'])).toEqual([])
    expect(normalGrades([])).toEqual([])
    expect(matchesAny({ potential: [], possibility: ['A', 'B', 'C'], basis: [] })).toBe(true)
    expect(matchesAny({ potential: ['A'], possibility: [], basis: [] })).toBe(false)
  })
})

describe('drafts and the request body', () => {
  it('round-trips the saved rules unchanged', () => {
    const drafts = SEED.map(toDraft)
    expect(toWrite(drafts)).toEqual(SEED)
    expect(rulesChanged(SEED, drafts)).toBe(false)
  })

  it('trims text, orders grades and sends all three grades as any', () => {
    const d = toDraft(rule('x'))
    d.key = ' vip '
    d.label_zh = ' 贵宾 '
    d.potential = ['B', 'A']
    d.basis = ['C', 'A', 'B']
    expect(toWrite([d])[0]).toMatchObject({ key: 'vip', label_zh: '贵宾', potential: ['A', 'B'], basis: [] })
  })

  it('notices order and grade changes', () => {
    expect(rulesChanged(SEED, moveItem(SEED.map(toDraft), 0, 1))).toBe(true)
    const drafts = SEED.map(toDraft)
    drafts[0]!.potential = ['A']
    expect(rulesChanged(SEED, drafts)).toBe(true)
  })
})

describe('ruleProblems', () => {
  it('accepts the seed rules', () => {
    expect(ruleProblems(SEED.map(toDraft))).toEqual([])
  })

  it('needs a catch-all last, warns about rules it makes unreachable', () => {
    const drafts = moveItem(SEED.map(toDraft), 3, 1)
    expect(codes(drafts)).toEqual([
      [1, 'unreachable', false],
      [3, 'lastNotAny', true],
    ])
  })

  it('checks keys and labels', () => {
    const drafts = SEED.map(toDraft)
    drafts[1]!.key = 'stronghold'
    drafts[2]!.key = 'Bad key'
    drafts[0]!.label_en = ' '
    expect(codes(drafts)).toEqual([
      [0, 'labelMissing', true],
      [1, 'keyDuplicate', true],
      [2, 'keyFormat', true],
    ])
    expect(codes([])).toEqual([[-1, 'noRules', true]])
  })
})

describe('editing helpers', () => {
  it('moves an item, clamped to the list, without changing the original', () => {
    const list = ['a', 'b', 'c', 'd']
    expect(moveItem(list, 0, 2)).toEqual(['b', 'c', 'a', 'd'])
    expect(moveItem(list, 3, -5)).toEqual(['d', 'a', 'b', 'c'])
    expect(moveItem(list, 9, 0)).toEqual(list)
    expect(list).toEqual(['a', 'b', 'c', 'd'])
  })

  it('finds a free key for a new rule', () => {
    expect(freshKey([{ key: 'a' }, { key: 'category_3' }])).toBe('category_4')
    expect(freshKey([])).toBe('category_1')
    const d = newDraft('category_5')
    expect(d).toMatchObject({ key: 'category_5', isNew: true, potential: [], possibility: [], basis: [] })
  })
})
