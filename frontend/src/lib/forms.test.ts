import { describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { blankToNull, changedFields, fieldFor, nonBlankFields, useSubmit } from './forms'

describe('changedFields (PATCH bodies)', () => {
  it('keeps only changed fields, blanks as null', () => {
    const original = { name: 'A', address: 'old', phone: null, tags: ['x'] }
    expect(changedFields(original, { name: 'A', address: ' new ', phone: '', tags: ['x'] })).toEqual({ address: 'new' })
    expect(changedFields(original, { name: 'A', address: '', phone: '', tags: [] })).toEqual({ address: null, tags: [] })
  })

  it('compares nested objects key by key', () => {
    const original = { characteristics: { scale: '大型', outlet_count: 2 } }
    expect(changedFields(original, { characteristics: { scale: '大型', outlet_count: 3 } })).toEqual({
      characteristics: { outlet_count: 3 },
    })
    expect(changedFields(original, { characteristics: { scale: '大型', outlet_count: 2 } })).toEqual({})
  })
})

describe('nonBlankFields (POST bodies)', () => {
  it('drops blanks, empty lists and empty nested objects', () => {
    expect(nonBlankFields({ name: ' N ', phone: '', tags: [], is_primary: false, characteristics: { scale: '' } })).toEqual({
      name: 'N',
      is_primary: false,
    })
  })

  it('blankToNull trims', () => {
    expect(blankToNull('  ')).toBeNull()
    expect(blankToNull(' a ')).toBe('a')
    expect(blankToNull(undefined)).toBeNull()
    expect(blankToNull(0)).toBe(0)
  })
})

describe('fieldFor', () => {
  const shown = new Set(['phone', 'tags', 'characteristics.scale'])
  it('finds the field or its closest shown parent', () => {
    expect(fieldFor('phone', shown)).toBe('phone')
    expect(fieldFor('tags.2', shown)).toBe('tags')
    expect(fieldFor('characteristics.scale', shown)).toBe('characteristics.scale')
    expect(fieldFor('If-Match', shown)).toBeNull()
    expect(fieldFor('', shown)).toBeNull()
  })
})

describe('useSubmit (form dialogs)', () => {
  const setup = (valid: boolean, save: () => Promise<unknown>) => {
    const errors = { clear: vi.fn(), handle: vi.fn() }
    const form = ref({ validate: () => Promise.resolve(valid) })
    return { errors, ...useSubmit(form, errors, save) }
  }

  it('does not save when the form rules fail', async () => {
    const save = vi.fn(() => Promise.resolve())
    const { errors, submit, saving } = setup(false, save)
    await submit()
    expect(errors.clear).toHaveBeenCalled()
    expect(save).not.toHaveBeenCalled()
    expect(saving.value).toBe(false)
  })

  it('is saving while the request runs', async () => {
    let during: boolean | undefined
    const s = setup(true, async () => {
      during = s.saving.value
    })
    await s.submit()
    expect(during).toBe(true)
    expect(s.saving.value).toBe(false)
    expect(s.errors.handle).not.toHaveBeenCalled()
  })

  it('shows a failed request and stops saving', async () => {
    const failure = new Error('boom')
    const { errors, submit, saving } = setup(true, () => Promise.reject(failure))
    await submit()
    expect(errors.handle).toHaveBeenCalledWith(failure)
    expect(saving.value).toBe(false)
  })
})
