/**
 * ECharts, only the parts the SPA draws with (bars, lines and heatmaps on a grid, gauges, tooltip, legend, a
 * continuous visual map for heatmap colours, mark lines and areas, canvas), so the bundle carries no
 * unused chart types. Views draw through <EChart> (components/EChart.vue).
 */
import { use, init, type ComposeOption, type EChartsType } from 'echarts/core'
import {
  BarChart,
  GaugeChart,
  HeatmapChart,
  LineChart,
  type BarSeriesOption,
  type GaugeSeriesOption,
  type HeatmapSeriesOption,
  type LineSeriesOption,
} from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkAreaComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([
  BarChart,
  LineChart,
  HeatmapChart,
  GaugeChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapContinuousComponent,
  MarkLineComponent,
  MarkAreaComponent,
  CanvasRenderer,
])

/** An option object using only the registered parts. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | HeatmapSeriesOption
  | GaugeSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
  | MarkLineComponentOption
  | MarkAreaComponentOption
>

export { init }
export type { EChartsType }
