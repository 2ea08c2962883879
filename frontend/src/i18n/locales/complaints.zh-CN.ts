// Complaints: queue, detail, form, notifications (issue 6).
const complaints = {
  nav: '投诉',
}

export default complaints
