import type zh from './complaints.zh-CN'

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }

const complaints: Messages<typeof zh> = {
  nav: 'Complaints',
}

export default complaints
