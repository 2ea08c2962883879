/** Scoring: score sheets (a customer's, the list, the review flow), score models and their evaluation. */
import { api, ifMatch, unwrap } from '@/api/client'
import { cleanQuery } from '@/api/queries'
import type { OpenQuarterRequest, ScoreModelCreate, ScoreSheetListQuery, ScoreSheetUpdate } from '@/api/types'

export const listCustomerScoreSheets = (customerId: number) =>
  unwrap(api.GET('/api/v1/customers/{customer_id}/score-sheets', { params: { path: { customer_id: customerId } } }))
export const createScoreSheet = (customerId: number, period: string) =>
  unwrap(
    api.POST('/api/v1/customers/{customer_id}/score-sheets', {
      params: { path: { customer_id: customerId } },
      body: { period },
    }),
  )
export const listScoreSheets = (query: ScoreSheetListQuery) =>
  unwrap(api.GET('/api/v1/score-sheets', { params: { query: cleanQuery(query) } }))
export const getScoreSheet = (id: number) =>
  unwrap(api.GET('/api/v1/score-sheets/{sheet_id}', { params: { path: { sheet_id: id } } }))
export const updateScoreSheet = (id: number, version: number, body: ScoreSheetUpdate) =>
  unwrap(
    api.PATCH('/api/v1/score-sheets/{sheet_id}', {
      params: { path: { sheet_id: id }, header: { 'If-Match': ifMatch(version) } },
      body,
    }),
  )
export const submitScoreSheet = (id: number, version: number) =>
  unwrap(
    api.POST('/api/v1/score-sheets/{sheet_id}/submit', {
      params: { path: { sheet_id: id }, header: { 'If-Match': ifMatch(version) } },
    }),
  )
export const approveScoreSheet = (id: number, version: number, comment: string | null) =>
  unwrap(
    api.POST('/api/v1/score-sheets/{sheet_id}/approve', {
      params: { path: { sheet_id: id }, header: { 'If-Match': ifMatch(version) } },
      body: { comment },
    }),
  )
export const returnScoreSheet = (id: number, version: number, comment: string) =>
  unwrap(
    api.POST('/api/v1/score-sheets/{sheet_id}/return', {
      params: { path: { sheet_id: id }, header: { 'If-Match': ifMatch(version) } },
      body: { comment },
    }),
  )
/** Opens a quarter, or with `dry_run` counts what opening it would create (nothing is written). */
export const openQuarter = (body: OpenQuarterRequest) => unwrap(api.POST('/api/v1/score-sheets/open-quarter', { body }))
export const evaluateScoreModel = (modelId: number, values: Record<string, number>) =>
  unwrap(api.POST('/api/v1/score-models/{model_id}/evaluate', { params: { path: { model_id: modelId } }, body: { values } }))
export const listScoreModels = () => unwrap(api.GET('/api/v1/score-models'))
export const createScoreModelVersion = (body: ScoreModelCreate) => unwrap(api.POST('/api/v1/score-models', { body }))
