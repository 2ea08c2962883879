/**
 * The one typed client of the Keyhold API.
 *
 * - Types come from `schema.d.ts`, generated from ../openapi.yaml (`npm run gen:api`).
 * - Auth is the httpOnly `keyhold_session` cookie: no token is ever stored by the SPA.
 * - Every request carries `X-Requested-With: keyhold` (the server's CSRF guard) and `Accept-Language` with the
 *   UI's current language, so that problem titles, details and field messages come back in it.
 * - `unwrap()` returns the success body or throws a typed error from ./errors.
 */
import createClient from 'openapi-fetch'
import type { paths } from './schema'
import { NetworkError, toApiError } from './errors'
import { i18n } from '@/i18n'

export * from './errors'

export interface ApiClientOptions {
  baseUrl?: string
  fetch?: (input: Request) => Promise<Response>
  /** The language to ask for, read at each request; the UI's current locale by default. */
  locale?: () => string
}

export function createApiClient(options: ApiClientOptions = {}) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    credentials: 'same-origin',
    headers: { 'X-Requested-With': 'keyhold' },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  const locale = options.locale ?? (() => i18n.global.locale.value)
  client.use({
    onRequest({ request }) {
      request.headers.set('Accept-Language', locale())
      return request
    },
  })
  return client
}

export type ApiClient = ReturnType<typeof createApiClient>

export const api: ApiClient = createApiClient()

interface FetchResult {
  data?: unknown
  error?: unknown
  response: Response
}

/** The success body type of an openapi-fetch call. */
export type Data<R> = R extends { data: infer D; error?: never } ? D : never

/**
 * Await an openapi-fetch call; return its data on 2xx, throw a typed error otherwise
 * (UnauthorizedError 401, ForbiddenError 403, NotFoundError 404, ConflictError 409,
 * PreconditionFailedError 412, ValidationError 422, PreconditionRequiredError 428,
 * RateLimitedError 429, ProblemError for any other status, NetworkError if no response).
 */
export async function unwrap<R extends FetchResult>(call: Promise<R>): Promise<Data<R>> {
  let result: R
  try {
    result = await call
  } catch (e) {
    throw new NetworkError(e instanceof Error ? e.message : String(e), e)
  }
  const { response } = result
  if (response.ok) return result.data as Data<R>
  throw toApiError(response, result.error)
}

/** The If-Match value for a row version (the server's ETag is the quoted version). */
export function ifMatch(version: number): string {
  return `"${version}"`
}

/** URL-encoded form body for the OAuth2 password login. */
export function formBody(values: Record<string, string>): URLSearchParams {
  return new URLSearchParams(values)
}
