import type { Messages } from '@/i18n/messages'
import type zh from './zh-CN'

const messages: Messages<typeof zh> = {
  title: 'Notifications', markAll: 'Mark all read', empty: 'No notifications', unread: '{n} unread', someCustomer: 'a customer',
  aTimer: 'A deadline',
  kinds: {
    timer_warned: "{timer} of {customer}'s complaint is due soon",
    timer_breached: "{timer} of {customer}'s complaint is overdue; escalated to you",
    escalated_to_hq: "{timer} of {customer}'s complaint is still overdue; escalated to headquarters",
    task_group: "You are in the task group for {customer}'s complaint",
    confirmation_needed: "{customer}'s major complaint awaits your confirmation",
    sheet_submitted: "{actor} submitted {customer}'s score sheet for {period}; it awaits your review",
    sheet_returned: "{actor} returned {customer}'s score sheet for {period}",
    customers_assigned: '{actor} reassigned the customer {customer} to you',
    customers_assigned_many: '{actor} reassigned {n} customers to you',
    customers_unassigned: '{actor} reassigned your customer {customer} to someone else',
    customers_unassigned_many: '{actor} reassigned {n} of your customers to someone else',
  },
  someone: 'Someone', comment: 'Comment: {comment}',
}

export default messages
