// SLA: dashboard, business calendars and policies (issue 6).
const sla = {
  nav: 'SLA 报表',
  settingsNav: '日历与 SLA',
}

export default sla
