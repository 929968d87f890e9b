/** What the filing form says, section by section, as rows of cells (REG-14-1, REG-14-6). */
import { DEVICE_TYPES } from '../registry/enums.ts';
import type { FilingRecord } from '../registry/model.ts';
import {
  DEVICE_TYPE_LABELS,
  FILING_STATUS_LABELS,
  PLACE_CATEGORY_LABELS,
  UNIT_TYPE_LABELS,
  fieldLabel,
  manualEdits,
  zhDate,
  type AttachmentChecklistItem,
  type FilingDataset,
} from '../policy/cn-order-799/filing/index.ts';
import type { Cell } from './table.ts';

export interface Section {
  title: string;
  rows: Cell[][];
}

const L = (text: string, span = 1): Cell => ({ text, label: true, span });
const V = (text: string | number | null | undefined, span = 1): Cell => ({ text: text === null || text === undefined || text === '' ? '—' : String(text), span });
const yesNo = (b: boolean): string => (b ? '是' : '否');

function coordinates(d: FilingDataset): string {
  const { latitude, longitude } = d.location;
  return latitude === null || longitude === null ? '—' : `北纬 ${latitude.toFixed(6)},东经 ${longitude.toFixed(6)}`;
}

function deadlineText(d: FilingDataset): string {
  const dl = d.deadline;
  if (!dl) {
    // Art. 9.2: no filing duty for an art. 9 place (a voluntary filing has no deadline); none for art. 33 either.
    if (d.location.placeCategory === 'A9_OTHER_PUBLIC') return '无需备案(第九条第二款:第九条规定的场所不适用第十四条),无备案期限';
    if (d.location.placeCategory === 'A33_NON_PUBLIC') return '无需备案(非公共场所),无备案期限';
    return '系统尚未投入使用';
  }
  const basis = dl.preExisting
    ? '条例施行前已启用,自2025年4月1日起90日内'
    : dl.kind === 'CATEGORY_CHANGE'
      ? `自场所类别变更为第七条规定的场所之日起${dl.periodDays}日内`
      : `自投入使用之日起${dl.periodDays}日内`;
  const rolled = dl.rolledFrom ? `;期满日${zhDate(dl.rolledFrom)}为休息日,顺延` : '';
  const covered = dl.calendarCovered ? '' : ';该年度法定节假日安排未载入,仅按周末顺延';
  return `${zhDate(dl.dueDate)}(${basis}${rolled}${covered})`;
}

export function sections(d: FilingDataset, attachments: AttachmentChecklistItem[], filing?: FilingRecord | null): Section[] {
  const out: Section[] = [];
  out.push({
    title: '一、单位基本情况',
    rows: [
      [L('单位名称'), V(d.unit.name, 3)],
      [L('统一社会信用代码'), V(d.unit.uscc), L('单位类型'), V(UNIT_TYPE_LABELS[d.unit.unitType].zh)],
      [L('单位地址'), V(d.unit.address, 3)],
      [L('法定代表人(负责人)'), V(d.unit.legalRepresentative), L('联系人'), V(d.unit.contactName)],
      [L('联系电话'), V(d.unit.contactPhone, 3)],
    ],
  });
  out.push({
    title: '二、公共安全视频系统建设位置',
    rows: [
      [L('系统名称'), V(d.extras.systemName, 3)],
      [L('建设位置名称'), V(d.location.siteName, 3)],
      [L('详细地址'), V(d.location.address, 3)],
      [L('行政区划代码'), V(d.location.adminDivisionCode), L('经纬度'), V(coordinates(d))],
      [L('场所类别'), V(PLACE_CATEGORY_LABELS[d.location.placeCategory].zh, 3)],
      [L('场所细类'), V(d.location.placeSubtype, 3)],
    ],
  });
  const count = (n: number): Cell => ({ text: `${n} 台`, align: 'center' });
  const typeRows: Cell[][] = [];
  for (let i = 0; i < DEVICE_TYPES.length; i += 2) {
    const pair = DEVICE_TYPES.slice(i, i + 2);
    typeRows.push(pair.flatMap((t) => [L(DEVICE_TYPE_LABELS[t].zh), count(d.cameraByType[t] ?? 0)]));
  }
  typeRows.push([L('合计'), { ...count(d.cameraTotal), bold: true, span: 3 }]);
  out.push({ title: '三、图像采集设备数量及类型', rows: typeRows });

  const storage: Cell[][] = [[L('备案存储期限'), V(`${d.storagePeriodDays} 日`), L('系统设定存储期限'), V(`${d.configuredStoragePeriodDays} 日`)]];
  if (d.storagePeriodByCamera) {
    storage.push([L('各设备存储期限', 4)]);
    const list = d.storagePeriodByCamera;
    for (let i = 0; i < list.length; i += 2) {
      const cells = list.slice(i, i + 2).flatMap((c): Cell[] => [V(`${c.cameraName}(${c.cameraId})`), { text: `${c.retentionDays} 日`, align: 'center' }]);
      if (cells.length === 2) cells.push({ text: '' }, { text: '' });
      storage.push(cells);
    }
  }
  out.push({ title: '四、视频图像信息存储期限', rows: storage });

  const op = d.extras.entrustedOperator;
  out.push({
    title: '五、其他基本信息',
    rows: [
      [L('投入使用日期'), V(d.extras.putIntoUseDate ? zhDate(d.extras.putIntoUseDate) : null), L('存储设备数量'), V(`${d.extras.recorderCount} 台`)],
      [L('是否接入公安机关平台'), V(yesNo(d.extras.networkedToPsb)), L('委托运维单位'), V(op ? `${op.name}${op.uscc ? `(${op.uscc})` : ''}${op.contractRef ? `,合同 ${op.contractRef}` : ''}` : '无')],
    ],
  });

  const edits = manualEdits(d);
  const filingRows: Cell[][] = [
    [L('备案机关'), V(d.filingAuthority ?? '所在地县级人民政府公安机关(未配置)', 3)],
    [L('备案期限'), V(deadlineText(d), 3)],
  ];
  if (filing) {
    filingRows.push([L('备案类型'), V(filing.kind === 'CHANGE' ? '变更备案' : '首次备案'), L('当前状态'), V(FILING_STATUS_LABELS[filing.status].zh)]);
    if (filing.receiptNo || filing.filedAt) filingRows.push([L('备案回执编号'), V(filing.receiptNo), L('备案日期'), V(filing.filedAt ? zhDate(filing.filedAt) : null)]);
  }
  filingRows.push([L('数据摘要(SHA-256)'), { text: d.sha256, span: 3, size: 8.5 }]);
  filingRows.push([L('人工修改字段'), V(edits.length === 0 ? '无(全部取自单位主数据和设备台账)' : edits.map((e) => `${fieldLabel(e.path).zh}:${e.reason}`).join(';'), 3)]);
  out.push({ title: '六、备案机关、期限与数据核验', rows: filingRows });

  out.push({
    title: '七、附件清单',
    rows: [
      [L('附件', 3), L('是否提供')],
      ...attachments.map((a): Cell[] => [V(a.label.zh, 3), { text: a.present ? '已提供' : '未提供', checkbox: a.present }]),
    ],
  });
  return out;
}
