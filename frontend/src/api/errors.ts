/**
 * Typed API errors. Every non-2xx response of the Keyhold API is an RFC 9457
 * problem (`application/problem+json`); `unwrap()` in client.ts turns it into
 * one of these classes so callers can `instanceof`-switch on the failure. The server writes a problem's
 * title, detail and field messages in the language the client asked for (client.ts sends Accept-Language),
 * so they are shown as they come; each field error's `code` is the same in every language.
 */
import type { components } from './schema'

type Schemas = components['schemas']
/** The RFC 9457 problem body, as generated from openapi.yaml. */
export type Problem = Schemas extends { Problem: infer P } ? P : ProblemShape
/** One bad field: `message` for people (in the UI's language), `code` for code (`missing`, `string_too_short` ...). */
export type FieldError = { field: string; message: string; code?: string }

/** Structural view of a problem that the SPA relies on (used for runtime checks only). */
interface ProblemShape {
  type?: string
  title?: string
  status?: number
  detail?: string | null
  errors?: FieldError[] | null
}

export class ProblemError extends Error {
  readonly status: number
  readonly problem: ProblemShape

  constructor(status: number, problem: ProblemShape) {
    super(problem.detail || problem.title || `HTTP ${status}`)
    this.name = new.target.name
    this.status = status
    this.problem = problem
  }

  get title(): string {
    return this.problem.title ?? ''
  }

  get detail(): string {
    return this.problem.detail ?? ''
  }

  get errors(): FieldError[] {
    return Array.isArray(this.problem.errors) ? this.problem.errors : []
  }
}

/** 401: not logged in or the session expired. */
export class UnauthorizedError extends ProblemError {}
/** 403: logged in but lacking the permission. */
export class ForbiddenError extends ProblemError {}
/** 404: not found, or outside the caller's data scope. */
export class NotFoundError extends ProblemError {}
/** 409: conflict or invalid state transition. */
export class ConflictError extends ProblemError {}
/** 412: the If-Match version is stale: someone else changed the row. */
export class PreconditionFailedError extends ProblemError {}
/** 422: request validation failed; `fieldErrors` maps field paths to messages. */
export class ValidationError extends ProblemError {
  get fieldErrors(): Record<string, string> {
    return problemFieldErrors(this.problem)
  }
}
/** 428: If-Match header missing. */
export class PreconditionRequiredError extends ProblemError {}
/** A failure worth retrying later; `retryAfter` is in seconds when the server says so (Retry-After). */
export class RetryLaterError extends ProblemError {
  readonly retryAfter: number | null

  constructor(status: number, problem: ProblemShape, retryAfter: number | null) {
    super(status, problem)
    this.retryAfter = retryAfter
  }
}
/** 429: too many requests. */
export class RateLimitedError extends RetryLaterError {}
/** 413: the request body is larger than the server accepts. */
export class PayloadTooLargeError extends ProblemError {}
/** 5xx: the server failed (500, `requestId` names its log line) or is unavailable for a moment (503, `retryAfter`). */
export class ServerError extends RetryLaterError {
  get requestId(): string | null {
    const id = (this.problem as { request_id?: unknown }).request_id
    return typeof id === 'string' ? id : null
  }
}
/** The server could not be reached or answered something that is not HTTP/JSON. */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message)
    this.name = 'NetworkError'
  }
}

const byStatus: Record<number, new (status: number, problem: ProblemShape) => ProblemError> = {
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  412: PreconditionFailedError,
  422: ValidationError,
  413: PayloadTooLargeError,
  428: PreconditionRequiredError,
}

/** Parse a Retry-After header (delta-seconds or HTTP date) into seconds. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return null
  return Math.max(0, Math.ceil((at - now) / 1000))
}

function asProblem(status: number, body: unknown, statusText: string): ProblemShape {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>
    // FastAPI's default `{detail: "..."}` or `{detail: [...]}` is accepted too.
    if (!('title' in b) && !('type' in b) && 'detail' in b) {
      if (Array.isArray(b.detail)) {
        return { title: statusText, status, errors: fastApiDetailToErrors(b.detail) }
      }
      return { title: statusText, status, detail: String(b.detail) }
    }
    return { status, ...(b as ProblemShape) }
  }
  if (typeof body === 'string' && body) return { title: statusText, status, detail: body }
  return { title: statusText || `HTTP ${status}`, status }
}

function fastApiDetailToErrors(detail: unknown[]): FieldError[] {
  return detail.map((d) => {
    const item = (d ?? {}) as { loc?: unknown[]; msg?: string; type?: string }
    const loc = Array.isArray(item.loc) ? item.loc : []
    return { field: loc.map(String).join('.'), message: item.msg ?? '', ...(item.type ? { code: item.type } : {}) }
  })
}

/** Build the typed error for a failed response. */
export function toApiError(response: Response, body: unknown): ProblemError {
  const status = response.status
  const problem = asProblem(status, body, response.statusText)
  if (status === 429) {
    return new RateLimitedError(status, problem, parseRetryAfter(response.headers.get('Retry-After')))
  }
  if (status >= 500) return new ServerError(status, problem, parseRetryAfter(response.headers.get('Retry-After')))
  const Cls = byStatus[status] ?? ProblemError
  return new Cls(status, problem)
}

const LOCATION_PREFIXES = new Set(['body', 'query', 'path', 'header'])

/** Normalise a problem field path: drop a leading `body.`/`query.` location, keep the dotted rest. */
export function normalizeFieldPath(field: string): string {
  const parts = field.split('.').filter((p) => p !== '')
  while (parts.length > 1 && LOCATION_PREFIXES.has(parts[0]!)) parts.shift()
  return parts.join('.')
}

/**
 * Map a problem's `errors: [{field, message}]` to `{ "phone": "...", "characteristics.designer_count": "..." }`.
 * Several messages for one field are joined with "; ". Errors without a field go under "".
 */
export function problemFieldErrors(problem: { errors?: FieldError[] | null } | null | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of problem?.errors ?? []) {
    if (!e || typeof e.message !== 'string') continue
    const key = normalizeFieldPath(String(e.field ?? ''))
    out[key] = out[key] ? `${out[key]}; ${e.message}` : e.message
  }
  return out
}

/** A translate function (vue-i18n's `t`, or any stand-in in tests). */
export type Translate = (key: string, named?: Record<string, unknown>) => string

/** A message for a person: the server's problem detail when it has one, else a translated default. */
export function describeError(e: unknown, t: Translate): string {
  if (e instanceof PreconditionFailedError) return t('common.staleVersion')
  if (e instanceof ValidationError)
    return e.errors.length ? t('common.validationFailed') : e.detail || t('common.validationFailed')
  if (e instanceof RateLimitedError) {
    return e.retryAfter ? t('common.rateLimitedFor', { seconds: e.retryAfter }) : t('common.rateLimited')
  }
  // The server's own words for these are English and technical: say it in the user's language.
  if (e instanceof ServerError) {
    if (e.status === 503) return t('common.unavailable')
    return e.requestId ? t('common.serverErrorWithId', { id: e.requestId }) : t('common.unknownError')
  }
  if (e instanceof PayloadTooLargeError) return t('common.tooLarge')
  if (e instanceof PreconditionRequiredError) return t('common.preconditionRequired')
  if (e instanceof ProblemError) {
    if (e.detail) return e.detail
    if (e instanceof ForbiddenError) return t('common.forbidden')
    if (e instanceof NotFoundError) return t('common.notFound')
    if (e instanceof ConflictError) return e.title || t('common.conflict')
    if (e instanceof UnauthorizedError) return e.title || t('login.failed')
    return e.title || t('common.unknownError')
  }
  if (e instanceof NetworkError) return t('common.networkError')
  return t('common.unknownError')
}
