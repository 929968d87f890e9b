/** Labels of the API's enumerated values: `t('enum.<group>.<VALUE>')`, read through `enumLabel`. */
export const en = {
  enum: {
    cameraStatus: { INACTIVE: 'Not active', ACTIVE: 'Active', DEACTIVATED: 'Deactivated' },
    filingStatus: { DRAFT: 'Draft', SUBMITTED: 'Submitted', FILED: 'Filed', RETURNED: 'Returned for correction' },
    userKind: { STAFF: 'Staff of the unit', CONTRACTOR: 'Contractor (commissioned unit)' },
    personKind: { STAFF: 'Staff', CONTRACTOR: 'Contractor staff' },
    roleAction: {
      LIVE: 'Live view',
      PLAYBACK: 'Playback',
      EXPORT: 'Export',
      REDACT: 'Redact',
      PTZ: 'Pan, tilt, zoom',
      CONFIG: 'Configure devices',
      APPROVE: 'Approve',
      AUDIT: 'Audit the register',
      ADMINISTER: 'Administer accounts and access',
      READ: 'Read only',
    },
    grantScopeType: { ALL: 'All units', UNIT: 'One unit', SITE: 'One system (site)', CAMERA_GROUP: 'Camera group', CAMERA: 'One camera' },
    grantStatus: { PENDING: 'Pending approval', ACTIVE: 'Active', SUSPENDED: 'Suspended (approve again)', REJECTED: 'Rejected', REVOKED: 'Revoked' },
    resetKind: { PASSWORD: 'Password', TOTP: 'Second factor' },
    resetStatus: { PENDING: 'Pending approval', APPLIED: 'Applied', REJECTED: 'Rejected' },
  },
};

export const zh: typeof en = {
  enum: {
    cameraStatus: { INACTIVE: '未启用', ACTIVE: '已启用', DEACTIVATED: '已停用' },
    filingStatus: { DRAFT: '草稿', SUBMITTED: '已提交', FILED: '已备案', RETURNED: '退回补正' },
    userKind: { STAFF: '本单位人员', CONTRACTOR: '受托单位人员' },
    personKind: { STAFF: '本单位人员', CONTRACTOR: '受托单位人员' },
    roleAction: {
      LIVE: '实时查看',
      PLAYBACK: '录像回放',
      EXPORT: '导出',
      REDACT: '遮蔽处理',
      PTZ: '云台控制',
      CONFIG: '设备配置',
      APPROVE: '审批',
      AUDIT: '查阅登记',
      ADMINISTER: '账户与权限管理',
      READ: '只读',
    },
    grantScopeType: { ALL: '全部单位', UNIT: '单个单位', SITE: '单个系统(场所)', CAMERA_GROUP: '摄像机组', CAMERA: '单台摄像机' },
    grantStatus: { PENDING: '待审批', ACTIVE: '有效', SUSPENDED: '已暂停(须重新批准)', REJECTED: '已驳回', REVOKED: '已撤销' },
    resetKind: { PASSWORD: '密码', TOTP: '第二重认证' },
    resetStatus: { PENDING: '待审批', APPLIED: '已生效', REJECTED: '已驳回' },
  },
};
