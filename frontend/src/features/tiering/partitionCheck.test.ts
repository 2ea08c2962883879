import { describe, expect, it } from 'vitest'
import { decidedLevels, fixAll } from './partitionCheck'

describe('fix all', () => {
  it('moves the list in batches until it is empty, reporting progress', async () => {
    let left = [1, 2, 3, 4, 5]
    const progress: number[] = []
    const moved = await fixAll(
      async () => left.slice(0, 2),
      async (ids) => {
        left = left.filter((id) => !ids.includes(id))
        return ids.length
      },
      5,
      (p) => progress.push(p.done),
    )
    expect(moved).toBe(5)
    expect(progress).toEqual([0, 2, 4, 5])
  })

  it('stops at a failing batch after reporting what moved', async () => {
    let calls = 0
    const progress: number[] = []
    await expect(
      fixAll(
        async () => [calls * 10 + 1],
        async () => {
          calls += 1
          if (calls === 2) throw new Error('409')
          return 1
        },
        3,
        (p) => progress.push(p.done),
      ),
    ).rejects.toThrow('409')
    expect(progress).toEqual([0, 1])
  })

  it('does not loop over customers it already sent', async () => {
    const moved = await fixAll(
      async () => [7],
      async () => 0,
      1,
      () => {},
    )
    expect(moved).toBe(0)
  })
})

describe('rule summary', () => {
  it('lists the levels the rule decides', () => {
    expect(decidedLevels({ level_special: 'key', level_a: 'key', level_b: null, level_c: 'regular', version: 1 })).toEqual([
      { level: 'special', partition: 'key' },
      { level: 'A', partition: 'key' },
      { level: 'C', partition: 'regular' },
    ])
  })
})
