import { describe, expect, it } from 'vitest'
import { auditDiff, auditFieldLabelKey, flatten } from './diff'
import { buildTree } from './tree'

describe('auditDiff', () => {
  it('lists changed fields with before and after, nested characteristics flattened', () => {
    const before = { address: 'old', characteristics: { scale: '小型', outlet_count: 2 } }
    const after = { address: 'new', characteristics: { scale: '小型', outlet_count: 3 } }
    expect(auditDiff(before, after)).toEqual([
      { field: 'address', before: 'old', after: 'new' },
      { field: 'characteristics.outlet_count', before: 2, after: 3 },
    ])
  })

  it('shows a creation as the set fields', () => {
    expect(auditDiff(null, { name: 'N', phone: null, version: 1 })).toEqual([{ field: 'name', before: null, after: 'N' }])
  })

  it('keeps reference objects whole', () => {
    expect(flatten({ owner: { id: 1, display_name: 'A' } })).toEqual({ owner: { id: 1, display_name: 'A' } })
  })

  it('labels fields by entity type', () => {
    expect(auditFieldLabelKey('customer', 'address')).toBe('customers.fields.address')
    expect(auditFieldLabelKey('customer', 'characteristics.scale')).toBe('customers.characteristics.scale')
    expect(auditFieldLabelKey('contact', 'phone')).toBe('contacts.fields.phone')
  })
})

describe('buildTree', () => {
  it('nests org units under their parent code', () => {
    const tree = buildTree([
      { code: 'HQ', parent_code: null },
      { code: 'SH', parent_code: 'HQ' },
      { code: 'SH-PD', parent_code: 'SH' },
      { code: 'ORPHAN', parent_code: 'GONE' },
    ])
    expect(tree.map((n) => n.code)).toEqual(['HQ', 'ORPHAN'])
    expect(tree[0]!.children![0]!.code).toBe('SH')
    expect(tree[0]!.children![0]!.children![0]!.code).toBe('SH-PD')
  })
})
