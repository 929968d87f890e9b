/** Chinese and English labels of the filing's fields and enumerations (messages, PDF). */
import type { DeviceType, FilingStatus, PlaceCategory, UnitType } from '../../../registry/enums.ts';
import type { LocalizedText } from '../../../shared/errors.ts';

export const DEVICE_TYPE_LABELS: Record<DeviceType, LocalizedText> = {
  FIXED: { zh: '固定摄像机(枪机)', en: 'fixed (bullet)' },
  DOME: { zh: '半球摄像机', en: 'dome' },
  PTZ: { zh: '云台摄像机(球机)', en: 'PTZ' },
  PANORAMIC: { zh: '全景摄像机', en: 'panoramic' },
  FACE_CAPTURE: { zh: '人脸抓拍摄像机', en: 'face capture' },
  ANPR: { zh: '车辆号牌识别摄像机', en: 'number-plate recognition' },
  THERMAL: { zh: '热成像摄像机', en: 'thermal' },
  OTHER: { zh: '其他', en: 'other' },
};

export const UNIT_TYPE_LABELS: Record<UnitType, LocalizedText> = {
  GOV_DEPT: { zh: '机关', en: 'government department' },
  ENTERPRISE: { zh: '企业', en: 'enterprise' },
  PUBLIC_INSTITUTION: { zh: '事业单位', en: 'public institution' },
  SOCIAL_ORG: { zh: '社会组织', en: 'social organisation' },
  INDIVIDUAL: { zh: '个人', en: 'individual' },
  OTHER: { zh: '其他', en: 'other' },
};

export const PLACE_CATEGORY_LABELS: Record<PlaceCategory, LocalizedText> = {
  A7_1_GOV_INFRA: { zh: '第七条第一款 城乡主要路段、桥梁、隧道、广场等', en: 'art. 7.1 roads, bridges, tunnels, squares' },
  A7_2_1_GATHERING: { zh: '第七条第二款(一) 人员聚集场所', en: 'art. 7.2(1) crowded places' },
  A7_2_2_TRANSPORT_HUB: { zh: '第七条第二款(二) 交通枢纽', en: 'art. 7.2(2) transport hubs' },
  A7_2_3_PUBLIC_VEHICLE: { zh: '第七条第二款(三) 大中型公共交通工具(不含网约车、出租车)', en: 'art. 7.2(3) large and medium public transport vehicles' },
  A7_2_4_SERVICE_AREA: { zh: '第七条第二款(四) 高速公路、普通国省干线服务区', en: 'art. 7.2(4) highway service areas' },
  A9_OTHER_PUBLIC: { zh: '第九条 其他公共场所', en: 'art. 9 other public places' },
  A33_NON_PUBLIC: { zh: '第三十三条 非公共场所', en: 'art. 33 non-public places' },
};

/** Filing is not an approval: no label says "approved" or "批准". */
export const FILING_STATUS_LABELS: Record<FilingStatus, LocalizedText> = {
  DRAFT: { zh: '草稿', en: 'draft' },
  SUBMITTED: { zh: '已提交', en: 'submitted' },
  FILED: { zh: '已备案', en: 'filed' },
  RETURNED: { zh: '已退回', en: 'returned' },
};

const FIELD_LABELS: Record<string, LocalizedText> = {
  'unit.name': { zh: '单位名称', en: 'unit name' },
  'unit.uscc': { zh: '统一社会信用代码', en: 'unified social credit code' },
  'unit.unitType': { zh: '单位类型', en: 'unit type' },
  'unit.address': { zh: '单位地址', en: 'unit address' },
  'unit.legalRepresentative': { zh: '法定代表人(负责人)', en: 'legal representative' },
  'unit.contactName': { zh: '联系人', en: 'contact person' },
  'unit.contactPhone': { zh: '联系电话', en: 'contact phone' },
  'location.siteName': { zh: '建设位置名称', en: 'site name' },
  'location.address': { zh: '建设位置地址', en: 'site address' },
  'location.adminDivisionCode': { zh: '行政区划代码', en: 'administrative division code' },
  'location.latitude': { zh: '纬度', en: 'latitude' },
  'location.longitude': { zh: '经度', en: 'longitude' },
  'location.placeCategory': { zh: '场所类别', en: 'place category' },
  'location.placeSubtype': { zh: '场所细类', en: 'place subtype' },
  cameraTotal: { zh: '图像采集设备总数', en: 'camera total' },
  storagePeriodDays: { zh: '视频图像信息存储期限', en: 'storage period' },
  configuredStoragePeriodDays: { zh: '设定的存储期限', en: 'configured storage period' },
  storagePeriodByCamera: { zh: '各设备存储期限', en: 'storage period per camera' },
  'extras.systemName': { zh: '系统名称', en: 'system name' },
  'extras.putIntoUseDate': { zh: '投入使用日期', en: 'put-into-use date' },
  'extras.recorderCount': { zh: '存储设备数量', en: 'recorder count' },
  'extras.networkedToPsb': { zh: '是否接入公安机关平台', en: 'networked to the PSB platform' },
  'extras.entrustedOperator': { zh: '委托运维单位', en: 'entrusted operator' },
};

export function fieldLabel(path: string): LocalizedText {
  const known = FIELD_LABELS[path];
  if (known) return known;
  if (path.startsWith('cameraByType.')) {
    const type = path.slice('cameraByType.'.length) as DeviceType;
    const t = DEVICE_TYPE_LABELS[type] ?? { zh: type, en: type };
    return { zh: `${t.zh}数量`, en: `${t.en} cameras` };
  }
  return { zh: path, en: path };
}

/** 2025-06-30 → 2025年6月30日 */
export function zhDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(y)}年${Number(m)}月${Number(d)}日`;
}
