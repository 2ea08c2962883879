/** Integrations: API keys. */
import { api, unwrap } from '@/api/client'
import type { ApiKeyCreate } from '@/api/types'

export const listApiKeys = () => unwrap(api.GET('/api/v1/api-keys'))
export const createApiKey = (body: ApiKeyCreate) => unwrap(api.POST('/api/v1/api-keys', { body }))
export const revokeApiKey = (id: number) => unwrap(api.DELETE('/api/v1/api-keys/{key_id}', { params: { path: { key_id: id } } }))
