/**
 * The UI's messages in Chinese: the shell's (app, common, nav, header, notFound) here, each feature's from
 * its folder (features/<feature>/locales).
 */
import organisation from '@/features/organisation/locales/zh-CN'
import customers from '@/features/customers/locales/zh-CN'
import orders from '@/features/orders/locales/zh-CN'
import integrations from '@/features/integrations/locales/zh-CN'
import scoring from '@/features/scoring/locales/zh-CN'
import tiering from '@/features/tiering/locales/zh-CN'
import loyalty from '@/features/loyalty/locales/zh-CN'
import complaints from '@/features/complaints/locales/zh-CN'
import visits from '@/features/visits/locales/zh-CN'
import sla from '@/features/sla/locales/zh-CN'
import notifications from '@/features/notifications/locales/zh-CN'

export default {
  app: { name: 'Keyhold 大客户管理' },
  common: {
    save: '保存', cancel: '取消', confirm: '确定', create: '新建', edit: '编辑', search: '搜索',
    reset: '重置', loading: '加载中…', empty: '暂无数据', actions: '操作', yes: '是', no: '否',
    all: '全部', none: '无', nextPage: '下一页', prevPage: '上一页', loadMore: '加载更多',
    reload: '重新加载', close: '关闭', retry: '重试', unknownError: '出错了，请稍后再试',
    networkError: '无法连接服务器', forbidden: '没有权限执行此操作', notFound: '未找到，或不在您的数据范围内',
    conflict: '操作与当前状态冲突', staleVersion: '其他人已修改此记录，已为您重新加载，请重新操作。',
    preconditionRequired: '缺少版本信息，请重新加载后再试', validationFailed: '请检查表单中标出的字段',
    rateLimited: '请求过于频繁，请稍后再试', rateLimitedFor: '请求过于频繁，请 {seconds} 秒后再试',
    unavailable: '服务暂时不可用，请稍后重试',
    serverErrorWithId: '服务器出错了；如再次出现，请把请求编号 {id} 告知技术支持',
    tooLarge: '内容过大，无法提交；请减小后重试', saved: '已保存', notSet: '—', required: '必填',
  },
  nav: { customers: '客户', users: '用户', orgUnits: '组织', integrations: '集成', tiers: '分级' },
  header: { logout: '退出登录', language: '语言', menu: '菜单' },
  // Browser tab titles: the page (route meta.title) and, on detail pages, " · " and the record.
  titles: {
    login: '登录', customers: '客户', customer: '客户', tiers: '分级分类', loyalty: '客户忠诚度', complaints: '投诉',
    complaint: '投诉', slaReport: 'SLA 报表', slaSettings: '日历与 SLA', scoreSheets: '评分', scoreSheet: '评分表',
    users: '用户', orgUnits: '组织', integrations: '集成', visits: '拜访', visit: '拜访', notFound: '页面不存在',
  },
  notFound: { title: '页面不存在', back: '返回首页' },
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
