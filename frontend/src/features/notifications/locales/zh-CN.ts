// Notifications: the bell in the header (SLA warnings, escalations, task groups, score sheets, reassignments).
const messages = {
  title: '通知', markAll: '全部已读', empty: '暂无通知', unread: '{n} 条未读', someCustomer: '某客户', aTimer: '时限',
  kinds: {
    timer_warned: '{customer}的投诉{timer}即将到期',
    timer_breached: '{customer}的投诉{timer}已超时，已升级给您',
    escalated_to_hq: '{customer}的投诉{timer}超时仍未处理，已升级至总部',
    task_group: '您已加入{customer}投诉的专项服务工作组',
    confirmation_needed: '{customer}的重大投诉待总部确认',
    sheet_submitted: '{actor}提交了{customer}的 {period} 评分表，待您审核',
    sheet_returned: '{actor}退回了{customer}的 {period} 评分表',
    customers_assigned: '{actor}将客户{customer}移交给您',
    customers_assigned_many: '{actor}将 {n} 个客户移交给您',
    customers_unassigned: '{actor}已将客户{customer}移交他人',
    customers_unassigned_many: '{actor}已将您的 {n} 个客户移交他人',
  },
  someone: '有人', comment: '意见：{comment}',
}

export default messages
