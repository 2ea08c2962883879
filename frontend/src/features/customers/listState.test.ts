import { describe, expect, it } from 'vitest'
import type { LocationQuery } from 'vue-router'
import {
  DEFAULT_COLUMNS,
  filterSignature,
  listFilters,
  listStateFromQuery,
  parseColumns,
  withListState,
  type ListState,
} from './listState'

const state: ListState = {
  q: '西溪 振华',
  tab: 'key',
  customerType: 'hotel',
  ownerId: 12,
  orgUnitCode: 'SH-PD',
  sort: 'name',
  cursors: ['abc', 'def'],
}

describe('the customer list state in the URL', () => {
  it('goes into the query and comes back the same, keeping the tier and loyalty filters', () => {
    const query = withListState({ category: 'stronghold', segment: 'champions' }, state) as LocationQuery
    expect(query).toMatchObject({ category: 'stronghold', segment: 'champions', partition: 'key', cursor: ['abc', 'def'] })
    expect(listStateFromQuery(query)).toEqual(state)
  })

  it('leaves defaults out of the URL', () => {
    const plain: ListState = {
      q: ' ',
      tab: 'all',
      customerType: '',
      ownerId: null,
      orgUnitCode: null,
      sort: '-updated_at',
      cursors: [],
    }
    expect(withListState({ q: 'old', cursor: 'x' }, plain)).toEqual({})
    expect(listStateFromQuery({})).toEqual({ ...plain, q: '' })
  })

  it('drops values the API would reject', () => {
    const s = listStateFromQuery({ partition: 'nope', customer_type: 'spaceship', owner_id: '-3', sort: 'price', cursor: [''] })
    expect(s).toMatchObject({ tab: 'all', customerType: '', ownerId: null, sort: '-updated_at', cursors: [] })
    expect(listStateFromQuery({ q: 'x'.repeat(300) }).q).toHaveLength(100)
    expect(listStateFromQuery({ cursor: 'one' }).cursors).toEqual(['one'])
  })

  it('has a filter signature that ignores the page', () => {
    expect(filterSignature({ q: 'a', cursor: ['x'] })).toBe(filterSignature({ q: 'a' }))
    expect(filterSignature({ q: 'a', segment: 'b' })).toBe(filterSignature({ segment: 'b', q: 'a' }))
    expect(filterSignature({ q: 'a' })).not.toBe(filterSignature({ q: 'b' }))
  })

  it('gives the API its filters', () => {
    expect(listFilters(state)).toEqual({
      q: '西溪 振华',
      partition: 'key',
      customer_type: 'hotel',
      owner_id: 12,
      org_unit_code: 'SH-PD',
    })
  })
})

describe('the chosen columns', () => {
  it('default to partition, level, category, health, 12-month revenue and owner', () => {
    expect(parseColumns(null)).toEqual([...DEFAULT_COLUMNS])
    expect(parseColumns('not json')).toEqual([...DEFAULT_COLUMNS])
    expect(parseColumns('{"a":1}')).toEqual([...DEFAULT_COLUMNS])
  })

  it('come back in the table order, unknown ones dropped', () => {
    expect(parseColumns('["owner","code","gone"]')).toEqual(['code', 'owner'])
    expect(parseColumns('[]')).toEqual([])
  })
})
