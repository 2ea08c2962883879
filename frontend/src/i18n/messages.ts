/** A translate function (vue-i18n's `t`), for the pure functions that word things. */
export type Translate = (key: string, named?: Record<string, unknown>) => string

/** The English messages have the Chinese ones' shape: every key, a string wherever zh-CN has one. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }
