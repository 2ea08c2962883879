// Organisation: sign-in, own password, users, org units.
const messages = {
  account: {
    changePassword: '修改密码', currentPassword: '当前密码', passwordChanged: '密码已修改',
    otherSessionsEnd: '修改后，您在其他设备上的登录会退出',
    currentPasswordWrong: '当前密码不正确', newPasswordRefused: '新密码不符合要求：至少 10 位，不能全是字母或全是数字，且须与当前密码不同',
  },
  login: {
    title: '登录', subtitle: '大客户关系管理', username: '用户名', password: '密码', submit: '登录',
    failed: '用户名或密码错误', required: '请输入用户名和密码',
    tooMany: '登录失败次数过多，请 {seconds} 秒后再试', tooManyNoWait: '登录失败次数过多，请稍后再试',
  },
  roles: {
    admin: '系统管理员', hq_key_account: '大客户部', store_manager: '营业部经理',
    account_manager: '客户经理', service_agent: '客服', analyst: '分析员',
  },
  users: {
    title: '用户', new: '新建用户', disable: '停用', enable: '启用', resetPassword: '重置密码',
    active: '启用中', inactive: '已停用', created: '用户已创建', passwordSet: '密码已重置',
    disabled: '用户已停用', enabled: '用户已启用', disableConfirm: '停用后 {name} 将无法登录，其客户保留至转移。确定停用？',
    passwordHint: '至少 10 位，不能全是字母或全是数字', searchPlaceholder: '搜索用户名或姓名', pickPlaceholder: '选择用户',
    fields: {
      username: '用户名', display_name: '姓名', role: '角色', org_unit: '组织', org_unit_code: '组织',
      is_active: '状态', created_at: '创建时间', password: '密码', newPassword: '新密码',
    },
  },
  orgUnits: {
    title: '组织', new: '新建组织', created: '组织已创建', pickPlaceholder: '选择组织',
    fields: { code: '编码', name: '名称', kind: '类型', parent_code: '上级组织' },
    kinds: { headquarters: '总部', operations_centre: '运营中心', department: '部门', regional_store: '区域中心店', store: '门店' },
    addChild: '添加下级', codeHint: '大写字母、数字、- 或 _，如 SH-02',
  },
}

export default messages
