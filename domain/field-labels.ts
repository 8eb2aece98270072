/** What residents call the fields they send, for error messages ("楼组格式不正确", not "buildingId"). */
export const FIELD_LABELS: Record<string, string> = {
  action: '操作',
  data: '参数',
  idempotencyKey: '请求标识',
  openid: '用户',
  displayName: '昵称',
  avatar: '头像',
  realName: '姓名',
  phone: '手机号',
  birthYear: '出生年份',
  elderMode: '长辈模式',
  acceptPrivacy: '隐私说明版本',
  buildingId: '楼组',
  gridId: '网格',
  communityId: '居民区',
  partnerId: '共建单位',
  unitId: '单元',
  parentId: '上级单元',
  bindingId: '绑定申请',
  room: '房号',
  decision: '审核结果',
  reason: '理由',
  role: '角色',
  kind: '类型',
  name: '名称',
  location: '位置',
  type: '位置类型',
  coordinates: '坐标',
  cursor: '翻页参数',
  limit: '每页条数',
  unmask: '显示完整手机号',
  includeArchived: '包含已归档',
};

/** The label of the innermost named field of a path, e.g. ['role', 'communityId'] → 居民区. */
export function fieldLabel(path: readonly PropertyKey[]): string | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'string') return FIELD_LABELS[key] ?? null;
  }
  return null;
}
