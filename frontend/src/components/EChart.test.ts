import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'

const chart = { setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn(), on: vi.fn() }
const init = vi.fn(() => chart)
vi.mock('@/lib/echarts', () => ({ init: (...args: unknown[]) => init(...(args as [])) }))

const { default: EChart } = await import('./EChart.vue')

describe('EChart', () => {
  beforeEach(() => {
    vi.clearAllMocks()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('draws the option into its box, redraws on change and disposes on unmount', async () => {
    const first = { series: [{ type: 'bar' as const, data: [1] }] }
    const w = mount(EChart, { props: { option: first, height: '120px', testid: 'chart' } })
    const el = w.get('[data-testid="chart"]')
    expect((el.element as HTMLElement).style.height).toBe('120px')
    expect(init).toHaveBeenCalledWith(el.element, undefined, { renderer: 'canvas' })
    expect(chart.setOption).toHaveBeenCalledWith(first, { notMerge: true })

    const second = { series: [{ type: 'line' as const, data: [2] }] }
    await w.setProps({ option: second })
    await nextTick()
    expect(chart.setOption).toHaveBeenLastCalledWith(second, { notMerge: true })

    w.unmount()
    expect(chart.dispose).toHaveBeenCalledTimes(1)
  })

  it('resizes with its container', async () => {
    let notify: () => void = () => {}
    const disconnect = vi.fn()
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(cb: () => void) {
          notify = cb
        }
        observe() {}
        disconnect = disconnect
      },
    )
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
      cb(0)
      return 0
    })
    const w = mount(EChart, { props: { option: {} } })
    notify()
    expect(chart.resize).toHaveBeenCalledTimes(1)
    w.unmount()
    expect(disconnect).toHaveBeenCalled()
  })

  it('emits a click on a data item', () => {
    const w = mount(EChart, { props: { option: {} } })
    expect(chart.on).toHaveBeenCalledWith('click', expect.any(Function))
    const handler = chart.on.mock.calls[0]![1] as (p: unknown) => void
    handler({ seriesIndex: 0, dataIndex: 3, value: 7 })
    expect(w.emitted('click')).toEqual([[{ seriesIndex: 0, dataIndex: 3, value: 7 }]])
    w.unmount()
  })
})
