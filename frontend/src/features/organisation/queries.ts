/** Organisation: users, passwords, org units. */
import { api, unwrap } from '@/api/client'
import { cleanQuery } from '@/api/queries'
import type { OrgUnitCreate, UserCreate, UserListQuery } from '@/api/types'

export const listUsers = (query: UserListQuery) => unwrap(api.GET('/api/v1/users', { params: { query: cleanQuery(query) } }))
export const createUser = (body: UserCreate) => unwrap(api.POST('/api/v1/users', { body }))
export const disableUser = (id: number) =>
  unwrap(api.POST('/api/v1/users/{user_id}/disable', { params: { path: { user_id: id } } }))
export const enableUser = (id: number) =>
  unwrap(api.POST('/api/v1/users/{user_id}/enable', { params: { path: { user_id: id } } }))
/** The signed-in person's own password; the server ends their other sessions and renews this one's cookie. */
export const changeOwnPassword = (current_password: string, new_password: string) =>
  unwrap(api.POST('/api/v1/auth/password', { body: { current_password, new_password } }))
export const setUserPassword = (id: number, password: string) =>
  unwrap(api.POST('/api/v1/users/{user_id}/password', { params: { path: { user_id: id } }, body: { password } }))
export const listOrgUnits = () => unwrap(api.GET('/api/v1/org-units'))
export const createOrgUnit = (body: OrgUnitCreate) => unwrap(api.POST('/api/v1/org-units', { body }))
