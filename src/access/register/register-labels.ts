/** Chinese names of the register's fields and values, for the printed register. */

export const REGISTER_TITLE = '公共安全视频图像信息调用登记表';

export const FIELD_LABELS = {
  seq: '序号',
  kind: '记录类型',
  reason: '事由',
  content: '内容',
  actorUnit: '调用人员单位',
  actorName: '姓名',
  actorIdentity: '用户编号/证件号',
  approver: '审批人',
  basis: '依据/班次',
  clientAddress: '终端地址',
  start: '开始时间',
  end: '结束时间',
  entryHash: '登记哈希',
} as const;

export const KIND_LABELS: Record<string, string> = { ACCESS: '调用', CLOSE: '结束', DENIAL: '拒绝' };

export const OPERATION_LABELS: Record<string, string> = {
  PLAYBACK: '回放',
  SNAPSHOT: '截图查看',
  EXPORT: '导出',
  LIVE_ADHOC: '临时实时查看',
  LIVE_DUTY: '值班监看',
  PTZ: '云台控制',
  API_RETRIEVAL: '接口调取',
};

export const REASON_LABELS: Record<string, string> = {
  PUBLIC_SECURITY_MONITORING: '公共安全监控',
  INCIDENT_INVESTIGATION: '事件调查',
  STATE_ORGAN_REQUEST: '国家机关调取',
  ART21_VIEWING: '当事人查阅(第二十一条)',
  PUBLIC_RELEASE: '公开发布',
  SYSTEM_MAINTENANCE: '系统维护',
  INSPECTION: '监督检查',
  DUTY_MONITORING: '值班监看',
  NONE: '未说明',
};

export const BASIS_LABELS: Record<string, string> = { INCIDENT: '事件', REQUEST: '调取申请', HOLD: '保全' };
