import { describe, expect, it } from 'vitest'
import { createApiClient, ifMatch, unwrap } from './client'
import {
  ConflictError,
  NetworkError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  ProblemError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
  ValidationError,
  describeError,
  normalizeFieldPath,
  parseRetryAfter,
  problemFieldErrors,
  toApiError,
} from './errors'
import { i18n } from '@/i18n'

const problem = (status: number, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: '/problems/x', title: 'T', status, detail: 'D', ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  })

describe('problemFieldErrors', () => {
  it('maps problem+json errors to a field -> message map', () => {
    expect(
      problemFieldErrors({
        errors: [
          { field: 'phone', message: 'not a valid phone number' },
          { field: 'characteristics.scale', message: 'too long' },
        ],
      }),
    ).toEqual({ phone: 'not a valid phone number', 'characteristics.scale': 'too long' })
  })

  it('joins several messages for one field and drops location prefixes', () => {
    expect(
      problemFieldErrors({
        errors: [
          { field: 'body.name', message: 'required' },
          { field: 'name', message: 'too short' },
          { field: '', message: 'general' },
        ],
      }),
    ).toEqual({ name: 'required; too short', '': 'general' })
  })

  it('accepts a problem without errors', () => {
    expect(problemFieldErrors({})).toEqual({})
    expect(problemFieldErrors(null)).toEqual({})
    expect(problemFieldErrors({ errors: null })).toEqual({})
  })

  it('normalises field paths', () => {
    expect(normalizeFieldPath('body.characteristics.designer_count')).toBe('characteristics.designer_count')
    expect(normalizeFieldPath('query.limit')).toBe('limit')
    expect(normalizeFieldPath('body')).toBe('body')
    expect(normalizeFieldPath('phone')).toBe('phone')
  })
})

describe('toApiError', () => {
  it('types errors by status', async () => {
    const cases: [number, new (...a: never[]) => ProblemError][] = [
      [401, UnauthorizedError],
      [404, NotFoundError],
      [409, ConflictError],
      [412, PreconditionFailedError],
      [413, PayloadTooLargeError],
      [422, ValidationError],
      [500, ServerError],
    ]
    for (const [status, cls] of cases) {
      const res = problem(status)
      const e = toApiError(res, await res.json())
      expect(e).toBeInstanceOf(cls)
      expect(e.status).toBe(status)
      expect(e.detail).toBe('D')
    }
  })

  it('gives a 422 its field errors', async () => {
    const res = problem(422, { errors: [{ field: 'phone', message: 'bad' }] })
    const e = toApiError(res, await res.json())
    expect(e).toBeInstanceOf(ValidationError)
    expect((e as ValidationError).fieldErrors).toEqual({ phone: 'bad' })
  })

  it('reads Retry-After on 429', () => {
    const res = new Response('{}', { status: 429, headers: { 'Retry-After': '8' } })
    const e = toApiError(res, { title: 'Too Many Requests', status: 429 })
    expect(e).toBeInstanceOf(RateLimitedError)
    expect((e as RateLimitedError).retryAfter).toBe(8)
  })

  it('reads Retry-After and the request id of server errors', () => {
    const res = new Response('{}', { status: 503, headers: { 'Retry-After': '5' } })
    const e = toApiError(res, { title: 'Service Unavailable', status: 503, request_id: 'r-1' })
    expect(e).toBeInstanceOf(ServerError)
    expect((e as ServerError).retryAfter).toBe(5)
    expect((e as ServerError).requestId).toBe('r-1')
  })

  it("understands FastAPI's plain {detail: [...]} validation body", () => {
    const e = toApiError(new Response(null, { status: 422 }), {
      detail: [{ loc: ['body', 'phone'], msg: 'bad phone' }],
    })
    expect((e as ValidationError).fieldErrors).toEqual({ phone: 'bad phone' })
  })

  it('parses Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('4')).toBe(4)
    expect(parseRetryAfter(null)).toBeNull()
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10)
    expect(parseRetryAfter('soon')).toBeNull()
  })
})

describe('describeError', () => {
  const t = (k: string) => `t:${k}`
  it('prefers the translated stale-version message for 412', () => {
    expect(describeError(new PreconditionFailedError(412, { detail: 'x' }), t)).toBe('t:common.staleVersion')
  })
  it("uses the server's detail otherwise", () => {
    expect(describeError(new ConflictError(409, { detail: 'already abandoned' }), t)).toBe('already abandoned')
    expect(describeError(new NotFoundError(404, {}), t)).toBe('t:common.notFound')
    expect(describeError(new NetworkError('down'), t)).toBe('t:common.networkError')
    expect(describeError(new ServerError(503, { detail: 'The database is not available' }, 5), t)).toBe('t:common.unavailable')
    expect(describeError(new ServerError(500, { detail: 'x', request_id: 'abc' } as never, null), t)).toBe(
      't:common.serverErrorWithId',
    )
    expect(describeError(new PayloadTooLargeError(413, { detail: 'too big' }), t)).toBe('t:common.tooLarge')
    expect(describeError(new RateLimitedError(429, {}, 7), t)).toBe('t:common.rateLimitedFor')
    expect(describeError(new Error('?'), t)).toBe('t:common.unknownError')
  })
})

describe('client', () => {
  it('sends X-Requested-With on every request and If-Match as a quoted version', async () => {
    const seen: Request[] = []
    const client = createApiClient({
      baseUrl: 'http://test',
      fetch: async (req) => {
        seen.push(req)
        return problem(412)
      },
    })
    const call = client.PATCH('/api/v1/customers/{customer_id}', {
      params: { path: { customer_id: 7 }, header: { 'If-Match': ifMatch(3) } },
      body: { address: 'x' },
    })
    await expect(unwrap(call)).rejects.toBeInstanceOf(PreconditionFailedError)
    expect(seen[0]!.headers.get('X-Requested-With')).toBe('keyhold')
    expect(seen[0]!.headers.get('If-Match')).toBe('"3"')
    expect(seen[0]!.url).toBe('http://test/api/v1/customers/7')
  })

  it("asks for the UI's language on every request, as it is when the request goes out", async () => {
    const seen: Request[] = []
    const client = createApiClient({
      baseUrl: 'http://test',
      fetch: async (req) => {
        seen.push(req)
        return problem(404)
      },
    })
    i18n.global.locale.value = 'zh-CN'
    await expect(
      unwrap(client.GET('/api/v1/customers/{customer_id}', { params: { path: { customer_id: 7 } } })),
    ).rejects.toBeInstanceOf(NotFoundError)
    i18n.global.locale.value = 'en'
    await expect(unwrap(client.GET('/api/v1/settings/public'))).rejects.toBeInstanceOf(NotFoundError)
    i18n.global.locale.value = 'zh-CN'
    expect(seen.map((r) => r.headers.get('Accept-Language'))).toEqual(['zh-CN', 'en'])
    expect(seen[1]!.headers.get('X-Requested-With')).toBe('keyhold')
  })

  it('returns the body on success', async () => {
    const client = createApiClient({
      baseUrl: 'http://test',
      fetch: async () =>
        new Response(JSON.stringify({ company_name: 'C', time_zone: 'Asia/Shanghai', default_locale: 'zh-CN' }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    })
    const data = await unwrap(client.GET('/api/v1/settings/public'))
    expect(data.time_zone).toBe('Asia/Shanghai')
  })

  it('turns a failed fetch into a NetworkError', async () => {
    const client = createApiClient({
      baseUrl: 'http://test',
      fetch: async () => {
        throw new TypeError('Failed to fetch')
      },
    })
    await expect(unwrap(client.GET('/api/v1/me'))).rejects.toBeInstanceOf(NetworkError)
  })
})
