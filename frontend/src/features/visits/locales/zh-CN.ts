// Visits (拜访): the due list, the visit list, a visit and its steps, the customer 360 card (issue 22).
const visits = {
  nav: '拜访',
  title: '拜访',
  subtitle: '应拜访的客户与拜访记录',
  tabs: { due: '待拜访', visits: '拜访记录' },
  loadMore: '加载更多',
  back: '返回拜访',
  empty: '没有符合条件的拜访',
  dueEmpty: '没有待拜访的客户',
  filters: {
    overdue: '仅看逾期', anomalies: '仅看异常签到', status: '状态', kind: '类型', from: '开始日期', to: '结束日期',
    range: '计划日期', all: '全部',
  },
  fields: {
    customer: '客户', kind: '类型', status: '状态', planned_on: '计划日期', owner: '负责人', checked_in_at: '签到时间',
    checked_out_at: '签退时间', visited_on: '拜访日', flags: '签到异常', outcome: '拜访结果', due_on: '应拜访日期',
    last_visited_on: '上次拜访', cadence: '周期', position: '签到位置', latitude: '纬度', longitude: '经度',
    accuracy: '精度（米）', distance: '距客户（米）', contacts: '见到的联系人', notes: '备注', next_step: '下一步', nextStepLine: '下一步：{text}',
    next_step_on: '下一步日期', next_visit: '已安排的下次拜访', cancel_reason: '原因', created_at: '创建时间',
    updated_at: '更新时间', uid: '编号',
  },
  kinds: { routine: '例行拜访', leader: '领导拜访', return_visit: '回访', complaint_follow_up: '投诉跟进' },
  statuses: { planned: '计划中', in_progress: '进行中', completed: '已完成', cancelled: '已取消', missed: '未完成' },
  flags: { too_far: '距离过远', no_position: '无定位' },
  flagDistance: '{flag} {m} 米',
  overdueDays: '逾期 {n} 天',
  dueToday: '今天到期',
  plannedOn: '已计划 {date}',
  never: '从未拜访',
  cadence: { week: '每 {n} 周', month: '每 {n} 个月', none: '不安排' },
  actions: { check_in: '签到', complete: '完成拜访', cancel: '取消拜访', missed: '标记未完成', open: '查看' },
  detail: {
    title: '拜访 #{id}', noActions: '当前没有可做的操作', noPosition: '未获取到位置', noContacts: '无',
    checkInDone: '已签到', checkInFlagged: '已签到，但签到异常：{flags}', locating: '正在获取位置…',
  },
  dialogs: {
    done: '已保存',
    complete: { title: '完成拜访', contactsPlaceholder: '选择见到的联系人', outcomePlaceholder: '选择拜访结果', nextStepOnHint: '填写日期后将在该日安排下一次同类拜访' },
    cancel: { title: '取消拜访', reason: '取消原因' },
    missed: { title: '标记未完成', reason: '原因' },
    plan: { title: '安排拜访', submit: '安排' },
  },
  card: {
    title: '拜访', plan: '安排拜访', nextDue: '下次应拜访', recent: '最近拜访', empty: '还没有拜访', noPlan: '没有按周期安排的拜访',
    overdue: '逾期',
  },
}

export default visits
