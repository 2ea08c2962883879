import { describe, expect, it } from 'vitest'
import {
  dimensionMaxima,
  latestVersions,
  modelProblems,
  newIndicator,
  toModelCreate,
  toModelDraft,
  versionsOf,
  whatIfValues,
} from './scoreModels'
import type { ScoreModel } from '@/api/types'

const model = (id: number, name: string, version: number, customer_types: string[] = []): ScoreModel => ({
  id,
  name,
  name_translations: {},
  version,
  customer_types,
  grade_a_percent: '80.00',
  grade_b_percent: '60.00',
  maxima: { potential: '40', possibility: '20', basis: '40' },
  indicators: [
    {
      key: 'qualification',
      dimension: 'potential',
      weight: '20.00',
      label_zh: '资质',
      label_en: 'Qualification',
      source: 'manual',
      scale: [],
    },
    {
      key: 'designers',
      dimension: 'potential',
      weight: '20.00',
      label_zh: '设计师',
      label_en: 'Designers',
      source: 'manual',
      scale: [],
    },
    {
      key: 'willingness',
      dimension: 'possibility',
      weight: '20',
      label_zh: '意愿',
      label_en: 'Willingness',
      source: 'manual',
      scale: [],
    },
    {
      key: 'transaction_amount',
      dimension: 'basis',
      weight: '40',
      label_zh: '成交金额',
      label_en: 'Transaction amount',
      source: 'transaction_amount',
      scale: [
        { at_least: '10000', points: '8' },
        { at_least: '500000', points: '40' },
      ],
    },
  ],
})

describe('versions', () => {
  const all = [model(1, 'default', 1), model(3, 'default', 2), model(2, 'hotel', 1, ['hotel'])]

  it('keeps the newest version of each model, by name', () => {
    expect(latestVersions(all).map((m) => [m.name, m.version])).toEqual([
      ['default', 2],
      ['hotel', 1],
    ])
  })

  it('lists one model newest first', () => {
    expect(versionsOf(all, 'default').map((m) => m.id)).toEqual([3, 1])
  })
})

describe('drafts', () => {
  it('reads the decimal strings as numbers and sums each dimension', () => {
    const d = toModelDraft(model(1, 'default', 1))
    expect(d.grade_a_percent).toBe(80)
    expect(d.indicators[3]!.scale).toEqual([
      { at_least: 10000, points: 8 },
      { at_least: 500000, points: 40 },
    ])
    expect(dimensionMaxima(d)).toEqual({ potential: 40, possibility: 20, basis: 40 })
    expect(modelProblems(d)).toEqual([])
  })

  it('sends the new version with scales highest step first and no scale for manual indicators', () => {
    const d = toModelDraft(model(1, 'default', 1))
    d.indicators[0]!.scale = [{ at_least: 1, points: 1 }]
    const body = toModelCreate(d)
    expect(body.name).toBe('default')
    expect(body.indicators[0]!.scale).toEqual([])
    expect(body.indicators[3]!.scale).toEqual([
      { at_least: 500000, points: 40 },
      { at_least: 10000, points: 8 },
    ])
    expect(body.grade_b_percent).toBe(60)
  })

  it('finds what the server would reject', () => {
    const d = toModelDraft(model(1, 'default', 1))
    d.name = 'Default'
    d.indicators[1]!.key = 'qualification'
    d.indicators[2]!.weight = 0
    d.indicators[3]!.scale = []
    d.grade_b_percent = 90
    const found = modelProblems(d).map((p) => p.code)
    expect(found).toEqual(['nameFormat', 'keyDuplicate', 'weight', 'scaleMissing', 'thresholds'])
  })

  it('needs an indicator in every dimension and scale points within the weight', () => {
    const d = toModelDraft(model(1, 'default', 1))
    d.indicators = d.indicators.filter((i) => i.dimension !== 'possibility')
    d.indicators[2]!.scale[0]!.points = 41
    const problems = modelProblems(d)
    expect(problems.map((p) => p.code)).toEqual(['scalePoints', 'noIndicator'])
    expect(problems[1]!.path).toBe('dimension.possibility')
  })

  it('makes a new manual indicator needing labels', () => {
    const i = newIndicator('basis', 'basis_4')
    expect(i).toMatchObject({ key: 'basis_4', dimension: 'basis', source: 'manual', scale: [] })
    const d = toModelDraft(model(1, 'default', 1))
    d.indicators.push(i)
    expect(modelProblems(d).map((p) => p.code)).toEqual(['labelMissing'])
  })
})

describe('what-if values', () => {
  it('sends only the indicators with points', () => {
    expect(whatIfValues({ a: 10, b: null, c: undefined, d: 0, e: Number.NaN })).toEqual({ a: 10, d: 0 })
  })
})
