import type zh from './sla.zh-CN'

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }

const sla: Messages<typeof zh> = {
  nav: 'SLA report',
  settingsNav: 'Calendars & SLA',
}

export default sla
