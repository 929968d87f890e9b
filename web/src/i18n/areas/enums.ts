/** Labels of the API's enumerated values: `t('enum.<group>.<VALUE>')`, read through `enumLabel`. */
export const en = {
  enum: {
    cameraStatus: { INACTIVE: 'Not active', ACTIVE: 'Active', DEACTIVATED: 'Deactivated' },
  },
};

export const zh: typeof en = {
  enum: {
    cameraStatus: { INACTIVE: '未启用', ACTIVE: '已启用', DEACTIVATED: '已停用' },
  },
};
