import type { PlaceCategory } from '../../registry/enums.ts';
import type { LocalizedText } from '../../shared/errors.ts';

export type CategoryClass = 'A7' | 'A9' | 'A33';

export interface PlaceCategoryMeta {
  id: PlaceCategory;
  article: string;
  class: CategoryClass;
  /** The statute's own list, verbatim. */
  statuteText: string;
  label: LocalizedText;
  /** Pick-list for `site.placeSubtype`; '其他' lets the user write their own. */
  subtypes: string[];
  /** Local PSB interpretations (AMB-7); pack data, not enforced. */
  localNotes: LocalizedText[];
}

const OTHER = '其他';

export const PLACE_CATEGORY_META: readonly PlaceCategoryMeta[] = [
  {
    id: 'A7_1_GOV_INFRA',
    article: '7.1',
    class: 'A7',
    statuteText: '城乡主要路段、行政区域道路边界、桥梁、隧道、地下通道、广场、治安保卫重点单位周边区域等公共场所',
    label: {
      zh: '政府建设的公共场所(第七条第一款)',
      en: 'Government-built public places: main roads, administrative boundary roads, bridges, tunnels, underpasses, squares, areas around key units for public-order protection (art. 7.1)',
    },
    subtypes: ['城乡主要路段', '行政区域道路边界', '桥梁', '隧道', '地下通道', '广场', '治安保卫重点单位周边区域', OTHER],
    localNotes: [],
  },
  {
    id: 'A7_2_1_GATHERING',
    article: '7.2(1)',
    class: 'A7',
    statuteText: '商贸中心、会展中心、旅游景区、文化体育娱乐场所、教育机构、医疗机构、政务服务大厅、公园、公共停车场等人员聚集场所',
    label: {
      zh: '人员聚集场所(第七条第二款第(一)项)',
      en: 'Crowded places: commercial and exhibition centres, tourist sites, culture, sports and entertainment venues, education and medical institutions, government service halls, parks, public car parks (art. 7.2(1))',
    },
    subtypes: ['商贸中心', '会展中心', '旅游景区', '文化体育娱乐场所', '教育机构', '医疗机构', '政务服务大厅', '公园', '公共停车场', OTHER],
    localNotes: [],
  },
  {
    id: 'A7_2_2_TRANSPORT_HUB',
    article: '7.2(2)',
    class: 'A7',
    statuteText: '出境入境口岸(通道)、机场、港口客运站、通航建筑物、铁路客运站、汽车客运站、城市轨道交通站等交通枢纽',
    label: {
      zh: '交通枢纽(第七条第二款第(二)项)',
      en: 'Transport hubs: border ports (channels), airports, passenger ports, navigation structures, railway and coach stations, urban rail stations (art. 7.2(2))',
    },
    subtypes: ['出境入境口岸(通道)', '机场', '港口客运站', '通航建筑物', '铁路客运站', '汽车客运站', '城市轨道交通站', OTHER],
    localNotes: [],
  },
  {
    id: 'A7_2_3_PUBLIC_VEHICLE',
    article: '7.2(3)',
    class: 'A7',
    statuteText: '客运列车、营运载客汽车、城市轨道交通车辆、客运船舶等大中型公共交通工具',
    label: {
      zh: '大中型公共交通工具(第七条第二款第(三)项)',
      en: 'Large and medium public transport vehicles: passenger trains, commercial passenger vehicles, urban rail vehicles, passenger ships (art. 7.2(3))',
    },
    subtypes: ['客运列车', '营运载客汽车', '城市轨道交通车辆', '客运船舶', OTHER],
    localNotes: [
      {
        zh: '部分地方公安机关备案通知明确:本项公共交通工具不含网约车、出租车',
        en: 'Several local PSB filing notices state that this item does not include ride-hailing cars and taxis',
      },
    ],
  },
  {
    id: 'A7_2_4_SERVICE_AREA',
    article: '7.2(4)',
    class: 'A7',
    statuteText: '高速公路、普通国省干线的服务区',
    label: {
      zh: '高速公路、普通国省干线服务区(第七条第二款第(四)项)',
      en: 'Service areas of expressways and ordinary national and provincial trunk roads (art. 7.2(4))',
    },
    subtypes: ['高速公路服务区', '普通国省干线服务区', OTHER],
    localNotes: [],
  },
  {
    id: 'A9_OTHER_PUBLIC',
    article: '9',
    class: 'A9',
    statuteText: '本条例第七条规定之外的其他公共场所',
    label: { zh: '其他公共场所(第九条)', en: 'Other public places not listed in art. 7 (art. 9)' },
    subtypes: ['住宅小区公共区域', '写字楼公共区域', '小型商铺', '餐饮场所', '宾馆大堂', OTHER],
    localNotes: [],
  },
  {
    id: 'A33_NON_PUBLIC',
    article: '33',
    class: 'A33',
    statuteText: '非公共场所',
    label: { zh: '非公共场所(第三十三条)', en: 'Non-public places (art. 33)' },
    subtypes: ['住宅', '出租屋', '单位内部非公开区域', OTHER],
    localNotes: [],
  },
];

export function categoryClass(category: PlaceCategory): CategoryClass {
  const meta = PLACE_CATEGORY_META.find((m) => m.id === category);
  if (!meta) throw new Error(`unknown place category ${category}`);
  return meta.class;
}
