import type { ZoneType } from '../../registry/enums.ts';
import type { LocalizedText } from '../../shared/errors.ts';

export interface ZoneTypeMeta {
  id: ZoneType;
  /** Item of art. 8.1, e.g. '8.1(3)'. */
  article: string;
  articleZh: string;
  /** The statute's wording for this kind of place. */
  statuteText: string;
  /** Short name used inside messages. */
  name: LocalizedText;
  label: LocalizedText;
  requiresDescription: boolean;
}

const LODGING = '旅馆、饭店、宾馆、招待所、民宿等经营接待食宿场所';
const LODGING_EN = 'hotels, restaurants, guesthouses, hostels, homestays and other places providing food and lodging';

function item3(id: ZoneType, zh: string, en: string): ZoneTypeMeta {
  return {
    id,
    article: '8.1(3)',
    articleZh: '第八条第一款第(三)项',
    statuteText: `公共的${zh}的内部`,
    name: { zh, en },
    label: { zh: `公共的${zh}内部`, en: `Inside a public ${en}` },
    requiresDescription: false,
  };
}

export const ZONE_TYPE_META: readonly ZoneTypeMeta[] = [
  {
    id: 'Z8_1_LODGING_ROOM',
    article: '8.1(1)',
    articleZh: '第八条第一款第(一)项',
    statuteText: `${LODGING}的客房内部`,
    name: { zh: '客房', en: 'guest room' },
    label: { zh: `${LODGING}的客房内部`, en: `Inside guest rooms of ${LODGING_EN}` },
    requiresDescription: false,
  },
  {
    id: 'Z8_1_PRIVATE_ROOM',
    article: '8.1(1)',
    articleZh: '第八条第一款第(一)项',
    statuteText: `${LODGING}的包间内部`,
    name: { zh: '包间', en: 'private room' },
    label: { zh: `${LODGING}的包间内部`, en: `Inside private rooms (including private dining rooms) of ${LODGING_EN}` },
    requiresDescription: false,
  },
  {
    id: 'Z8_2_STUDENT_DORM',
    article: '8.1(2)',
    articleZh: '第八条第一款第(二)项',
    statuteText: '学生宿舍的房间内部',
    name: { zh: '学生宿舍', en: 'student dormitory' },
    label: { zh: '学生宿舍的房间内部', en: 'Inside student dormitory rooms' },
    requiresDescription: false,
  },
  {
    id: 'Z8_2_STAFF_LODGING_REST',
    article: '8.1(2)',
    articleZh: '第八条第一款第(二)项',
    statuteText: '单位为内部人员提供住宿、休息服务的房间内部',
    name: { zh: '员工宿舍或休息室', en: 'staff lodging or rest room' },
    label: {
      zh: '单位为内部人员提供住宿、休息服务的房间内部',
      en: 'Inside rooms where a unit provides lodging or rest for its own staff',
    },
    requiresDescription: false,
  },
  item3('Z8_3_BATHHOUSE', '浴室', 'bathhouse'),
  item3('Z8_3_TOILET', '卫生间', 'toilet'),
  item3('Z8_3_CHANGING_ROOM', '更衣室', 'changing room'),
  item3('Z8_3_NURSING_ROOM', '哺乳室', 'nursing room'),
  item3('Z8_3_FITTING_ROOM', '试衣间', 'fitting room'),
  {
    id: 'Z8_4_OTHER_PRIVATE',
    article: '8.1(4)',
    articleZh: '第八条第一款第(四)项',
    statuteText: '安装图像采集设备后能够拍摄、窥视、窃听他人隐私的其他区域、部位',
    name: { zh: '其他隐私区域', en: 'other private area' },
    label: {
      zh: '安装图像采集设备后能够拍摄、窥视、窃听他人隐私的其他区域、部位',
      en: 'Other areas or spots where a camera could film, peep at or eavesdrop on the privacy of others',
    },
    requiresDescription: true,
  },
];

export function zoneTypeMeta(zoneType: ZoneType): ZoneTypeMeta {
  const meta = ZONE_TYPE_META.find((m) => m.id === zoneType);
  if (!meta) throw new Error(`unknown zone type ${zoneType}`);
  return meta;
}
