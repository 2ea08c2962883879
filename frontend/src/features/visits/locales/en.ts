import type { Messages } from '@/i18n/messages'
import type zh from './zh-CN'

const visits: Messages<typeof zh> = {
  nav: 'Visits',
  title: 'Visits',
  subtitle: 'Customers due for a visit, and the visits',
  tabs: { due: 'Due', visits: 'Visits' },
  loadMore: 'Load more',
  back: 'Back to visits',
  empty: 'No visits match',
  dueEmpty: 'No customers are due for a visit',
  filters: {
    overdue: 'Overdue only', anomalies: 'Flagged check-ins only', status: 'Status', kind: 'Kind', from: 'From', to: 'To',
    range: 'Planned date', all: 'All',
  },
  fields: {
    customer: 'Customer', kind: 'Kind', status: 'Status', planned_on: 'Planned date', owner: 'Owner', checked_in_at: 'Checked in',
    checked_out_at: 'Checked out', visited_on: 'Visited on', flags: 'Check-in flags', outcome: 'Outcome', due_on: 'Due date',
    last_visited_on: 'Last visit', cadence: 'Cadence', position: 'Check-in position', latitude: 'Latitude', longitude: 'Longitude',
    accuracy: 'Accuracy (m)', distance: 'From the customer (m)', contacts: 'Contacts met', notes: 'Notes', next_step: 'Next step', nextStepLine: 'Next step: {text}',
    next_step_on: 'Next step date', next_visit: 'Next visit planned', cancel_reason: 'Reason', created_at: 'Created',
    updated_at: 'Updated', uid: 'UID',
  },
  kinds: { routine: 'Routine visit', leader: 'Leader visit', return_visit: 'Return visit', complaint_follow_up: 'Complaint follow-up' },
  statuses: { planned: 'Planned', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled', missed: 'Missed' },
  flags: { too_far: 'Too far', no_position: 'No position' },
  flagDistance: '{flag} {m} m',
  overdueDays: '{n} days overdue',
  dueToday: 'Due today',
  plannedOn: 'Planned {date}',
  never: 'Never visited',
  cadence: { week: 'Every {n} weeks', month: 'Every {n} months', none: 'None' },
  actions: { check_in: 'Check in', complete: 'Complete', cancel: 'Cancel visit', missed: 'Mark missed', open: 'Open' },
  detail: {
    title: 'Visit #{id}', noActions: 'Nothing for you to do now', noPosition: 'No position', noContacts: 'None',
    checkInDone: 'Checked in', checkInFlagged: 'Checked in, flagged: {flags}', locating: 'Finding your position…',
  },
  dialogs: {
    done: 'Saved',
    complete: { title: 'Complete the visit', contactsPlaceholder: 'Choose the contacts met', outcomePlaceholder: 'Choose an outcome', nextStepOnHint: 'With a date, the next visit of the same kind is planned on that day' },
    cancel: { title: 'Cancel the visit', reason: 'Reason' },
    missed: { title: 'Mark the visit missed', reason: 'Reason' },
    plan: { title: 'Plan a visit', submit: 'Plan' },
  },
  card: {
    title: 'Visits', plan: 'Plan a visit', nextDue: 'Next due', recent: 'Recent visits', empty: 'No visits yet', noPlan: 'No visits planned by cadence',
    overdue: 'Overdue',
  },
}

export default visits
