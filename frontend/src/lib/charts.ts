/** Chart options shared by several dashboards (pure: no ECharts runtime). */
import type { ChartOption } from './echarts'

/** One bar of a horizontal bar chart. */
export interface HorizontalBar {
  label: string
  value: number
  colour: string
  /** The tooltip's HTML for this bar. */
  tooltip: string
}

/** Horizontal bars, the first at the top, each value at its bar's end and its own tooltip (segment sizes,
 * breaches by store...). */
export function horizontalBarsOption(
  bars: readonly HorizontalBar[],
  seriesName: string,
  formatValue: (value: number) => string,
  { barMaxWidth = 18, labelWidth }: { barMaxWidth?: number; labelWidth?: number } = {},
): ChartOption {
  return {
    animation: false,
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const p = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined
        return bars[p?.dataIndex ?? -1]?.tooltip ?? ''
      },
    },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => b.label),
      axisTick: { show: false },
      ...(labelWidth ? { axisLabel: { width: labelWidth, overflow: 'truncate' as const } } : {}),
    },
    series: [
      {
        type: 'bar',
        name: seriesName,
        data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.colour } })),
        barMaxWidth,
        label: { show: true, position: 'right', formatter: (p: { value?: unknown }) => formatValue(Number(p.value ?? 0)) },
      },
    ],
  }
}
