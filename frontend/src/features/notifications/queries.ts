/** Notifications: the bell (its query key is complaintKeys.notifications: complaints refresh it). */
import { api, unwrap } from '@/api/client'
import { cleanQuery } from '@/api/queries'

export const listNotifications = (limit = 10, cursor?: string | null) =>
  unwrap(api.GET('/api/v1/notifications', { params: { query: cleanQuery({ limit, cursor }) } }))
export const markNotificationRead = (id: number) =>
  unwrap(api.POST('/api/v1/notifications/{notification_id}/read', { params: { path: { notification_id: id } } }))
export const markAllNotificationsRead = () => unwrap(api.POST('/api/v1/notifications/read-all'))
