/**
 * The notification bell: a notification (an SLA warning or escalation, a task group, a major complaint to
 * confirm, a score sheet awaiting review or returned, customers reassigned) as one sentence in the UI language,
 * and where clicking it leads. Pure: views bind `t`.
 */
import type { NotificationKind, TimerKind } from '@/api/types'
import type { Translate } from '@/i18n/messages'

export interface NotificationLike {
  kind: NotificationKind
  customer_name: string | null
  timer_kind: TimerKind | null
  complaint_id?: number | null
  customer_id?: number | null
  score_sheet_id?: number | null
  period?: string | null
  customers?: number | null
  comment?: string | null
  actor_name?: string | null
}

/** A notification as a sentence: "Confirmation of 某客户's complaint is overdue; escalated to you". */
export function notificationSentence(n: NotificationLike, t: Translate): string {
  const count = n.customers ?? 1
  // Reassignments name the one customer, or count several.
  const kind = (n.kind === 'customers_assigned' || n.kind === 'customers_unassigned') && count > 1 ? `${n.kind}_many` : n.kind
  return t(`notifications.kinds.${kind}`, {
    customer: n.customer_name || t('notifications.someCustomer'),
    timer: n.timer_kind ? t(`complaints.timerKinds.${n.timer_kind}`) : t('notifications.aTimer'),
    period: n.period ?? '',
    n: count,
    actor: n.actor_name || t('notifications.someone'),
  })
}

/** A second line under the sentence: the reviewer's comment on a returned sheet. */
export function notificationDetail(n: NotificationLike, t: Translate): string | null {
  return n.kind === 'sheet_returned' && n.comment ? t('notifications.comment', { comment: n.comment }) : null
}

export type NotificationTarget =
  { name: 'complaint' | 'score-sheet' | 'customer'; params: { id: number } } | { name: 'customers'; params?: undefined }

/**
 * Where the notification leads: its complaint, its score sheet, the customer given to you (the list when
 * several were); nowhere for customers taken away (they may be out of your sight now).
 */
export function notificationTarget(n: NotificationLike): NotificationTarget | null {
  if (n.complaint_id) return { name: 'complaint', params: { id: n.complaint_id } }
  if (n.score_sheet_id) return { name: 'score-sheet', params: { id: n.score_sheet_id } }
  if (n.kind === 'customers_assigned')
    return n.customer_id ? { name: 'customer', params: { id: n.customer_id } } : { name: 'customers' }
  return null
}
