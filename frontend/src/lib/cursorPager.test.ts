import { describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import { CursorStack } from './cursorPager'

describe('CursorStack', () => {
  it('starts on page 1 without a cursor', () => {
    const p = new CursorStack()
    expect(p.cursor).toBeNull()
    expect(p.page).toBe(1)
    expect(p.hasPrev).toBe(false)
  })

  it('pushes next_cursor on next and pops on prev', () => {
    const p = new CursorStack()
    expect(p.next('c2')).toBe(true)
    expect(p.next('c3')).toBe(true)
    expect(p.cursor).toBe('c3')
    expect(p.page).toBe(3)
    expect(p.prev()).toBe(true)
    expect(p.cursor).toBe('c2')
    expect(p.prev()).toBe(true)
    expect(p.cursor).toBeNull()
    expect(p.prev()).toBe(false)
    expect(p.page).toBe(1)
  })

  it('does not move past the last page (next_cursor null)', () => {
    const p = new CursorStack()
    expect(p.next(null)).toBe(false)
    expect(p.next(undefined)).toBe(false)
    expect(p.next('')).toBe(false)
    expect(p.page).toBe(1)
  })

  it('resets to page 1 (filters changed)', () => {
    const p = new CursorStack()
    p.next('a')
    p.next('b')
    p.reset()
    expect(p.cursor).toBeNull()
    expect(p.page).toBe(1)
  })

  it('stays reactive inside reactive()', () => {
    const p = reactive(new CursorStack())
    p.next('x')
    expect(p.cursor).toBe('x')
    expect(p.hasPrev).toBe(true)
  })
})
