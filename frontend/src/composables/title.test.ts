import { describe, expect, it } from 'vitest'
import { composeTitle } from './title'

describe('composeTitle', () => {
  it('names the page and the record, then the product', () => {
    expect(composeTitle('客户', '上海锦江饭店')).toBe('客户 · 上海锦江饭店 — Keyhold')
    expect(composeTitle('Complaint', '#123 上海锦江饭店')).toBe('Complaint · #123 上海锦江饭店 — Keyhold')
  })

  it('names the page alone until the record has loaded, and the product alone without a page', () => {
    expect(composeTitle('客户', null)).toBe('客户 — Keyhold')
    expect(composeTitle(undefined, '  ')).toBe('Keyhold')
  })
})
