import type { Messages } from '@/i18n/messages'
import type zh from './zh-CN'
import organisation from '@/features/organisation/locales/en'
import customers from '@/features/customers/locales/en'
import orders from '@/features/orders/locales/en'
import integrations from '@/features/integrations/locales/en'
import scoring from '@/features/scoring/locales/en'
import tiering from '@/features/tiering/locales/en'
import loyalty from '@/features/loyalty/locales/en'
import complaints from '@/features/complaints/locales/en'
import visits from '@/features/visits/locales/en'
import sla from '@/features/sla/locales/en'
import notifications from '@/features/notifications/locales/en'

const en: Messages<typeof zh> = {
  app: { name: 'Keyhold Key Accounts' },
  common: {
    save: 'Save', cancel: 'Cancel', confirm: 'OK', create: 'Create', edit: 'Edit', search: 'Search',
    reset: 'Reset', loading: 'Loading…', empty: 'No data', actions: 'Actions', yes: 'Yes', no: 'No',
    all: 'All', none: 'None', nextPage: 'Next page', prevPage: 'Previous page', loadMore: 'Load more',
    reload: 'Reload', close: 'Close', retry: 'Retry', unknownError: 'Something went wrong, please try again later',
    networkError: 'Cannot reach the server', forbidden: 'You are not allowed to do this', notFound: 'Not found, or outside your data scope',
    conflict: 'This conflicts with the current state', staleVersion: 'Someone else changed this record; it has been reloaded, please try again.',
    preconditionRequired: 'Version missing, please reload and try again', validationFailed: 'Please check the highlighted fields',
    rateLimited: 'Too many requests, please try again later', rateLimitedFor: 'Too many requests; try again in {seconds} seconds',
    unavailable: 'The service is briefly unavailable; please try again in a moment',
    serverErrorWithId: 'Something went wrong on the server; if it happens again, tell support the request number {id}',
    tooLarge: 'This is too large to send; make it smaller and try again', saved: 'Saved', notSet: '—', required: 'Required',
  },
  nav: { customers: 'Customers', users: 'Users', orgUnits: 'Org units', integrations: 'Integrations', tiers: 'Tiers' },
  header: { logout: 'Log out', language: 'Language', menu: 'Menu' },
  titles: {
    login: 'Sign in', customers: 'Customers', customer: 'Customer', tiers: 'Tiers and categories', loyalty: 'Customer loyalty',
    complaints: 'Complaints', complaint: 'Complaint', slaReport: 'SLA report', slaSettings: 'Calendars and SLA',
    scoreSheets: 'Scoring', scoreSheet: 'Score sheet', users: 'Users', orgUnits: 'Org units', integrations: 'Integrations',
    visits: 'Visits', visit: 'Visit', notFound: 'Page not found',
  },
  notFound: { title: 'Page not found', back: 'Back to start' },
  ...organisation,
  ...customers,
  ...orders,
  integrations,
  scoring,
  tiers: tiering,
  loyalty,
  complaints,
  visits,
  sla,
  notifications,
}

export default en
