/** Chinese and English words of the public-report path, for the forwarding letter. */
import type { Channel, Outcome, StepAction, ViolationType } from './model.ts';

export const VIOLATION_LABELS: Record<ViolationType, { zh: string; en: string }> = {
  ART7_3: { zh: '第七条第三款:非管理单位在公共场所安装图像采集设备', en: 'Art. 7 ¶3: a camera installed in a public place by someone other than the managing unit' },
  ART8_1: { zh: '第八条第一款:在客房、宿舍、卫生间、更衣室等禁止区域安装图像采集设备', en: 'Art. 8 ¶1: a camera in a guest room, dormitory, toilet, changing room or other prohibited area' },
  ART9_1: { zh: '第九条第一款:无安全防范义务的单位或个人安装图像采集设备', en: 'Art. 9 ¶1: a camera installed by someone without the security duty for the place' },
  OTHER: { zh: '其他违反条例安装图像采集设备的情形', en: 'Another installation against the Regulation' },
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  HAND_DELIVERY: '当面递交 / by hand',
  POST: '邮寄 / by post',
  EMAIL: '电子邮件 / by email',
  PHONE: '电话 / by phone',
  POLICE_PLATFORM: '公安机关平台 / police platform',
  OTHER: '其他 / other',
};

export const ACTION_LABELS: Record<StepAction, string> = {
  RECEIVE: '收到 / received',
  ACKNOWLEDGE: '受理 / acknowledged',
  INVESTIGATE: '核查 / investigating',
  LINK_CAMERA: '关联摄像机 / camera linked',
  FORWARD: '转交 / forwarded',
  RESOLVE: '办结 / resolved',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  CAMERA_REMOVED: '已拆除设备 / camera removed',
  CAMERA_ADJUSTED: '已调整设备 / camera adjusted',
  NO_VIOLATION: '经核查无违法情形 / no violation found',
  OTHER: '其他 / other',
};
