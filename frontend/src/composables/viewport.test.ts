import { describe, expect, it, vi } from 'vitest'

describe('useIsPhone', () => {
  it('follows the phone media query, one listener for every caller', async () => {
    const listeners: ((e: { matches: boolean }) => void)[] = []
    const query = { matches: true, addEventListener: (_: string, fn: (e: { matches: boolean }) => void) => listeners.push(fn) }
    const matchMedia = vi.fn(() => query)
    vi.stubGlobal('matchMedia', matchMedia)
    const { useIsPhone, PHONE_MEDIA_QUERY } = await import('./viewport')

    const first = useIsPhone()
    const second = useIsPhone()
    expect(matchMedia).toHaveBeenCalledExactlyOnceWith(PHONE_MEDIA_QUERY)
    expect(listeners).toHaveLength(1)
    expect(first.value).toBe(true)

    listeners[0]!({ matches: false })
    expect(first.value).toBe(false)
    expect(second.value).toBe(false)
    vi.unstubAllGlobals()
  })
})
