/**
 * The notification bell: a notification (an SLA warning or escalation, a task group, a major complaint to
 * confirm) as one sentence in the UI language. Pure: views bind `t`.
 */
import type { NotificationKind, TimerKind } from '@/api/types'
import type { Translate } from '@/i18n/messages'

export interface NotificationLike {
  kind: NotificationKind
  customer_name: string | null
  timer_kind: TimerKind | null
}

/** A notification as a sentence: "Confirmation of 某客户's complaint is overdue; escalated to you". */
export function notificationSentence(n: NotificationLike, t: Translate): string {
  return t(`notifications.kinds.${n.kind}`, {
    customer: n.customer_name || t('notifications.someCustomer'),
    timer: n.timer_kind ? t(`complaints.timerKinds.${n.timer_kind}`) : t('notifications.aTimer'),
  })
}
