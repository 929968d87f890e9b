/** Chinese labels of the state-organ request enumerations, for the printed receipt. */
export const ORGAN_TYPE_LABELS: Record<string, string> = {
  PUBLIC_SECURITY: '公安机关',
  STATE_SECURITY: '国家安全机关',
  PROCURATORATE: '人民检察院',
  COURT: '人民法院',
  EMERGENCY_MANAGEMENT: '应急管理部门',
  OTHER_ADMIN: '其他行政机关',
};

export const PURPOSE_LABELS: Record<string, string> = {
  LAW_ENFORCEMENT_CASE: '执法办案',
  EMERGENCY_RESPONSE: '处置突发事件',
  OTHER_STATUTORY: '其他法定职责',
};
