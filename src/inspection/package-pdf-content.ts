/** The package's nine sections as rows of cells, every figure read from the package's JSON (REG-24-1). */
import type { Cell } from '../filing-pdf/table.ts';
import { formatLegalInstant } from '../shared/legal-time.ts';
import type { InspectionPackage } from './package-schema.ts';

export interface PdfSection {
  title: string;
  /** Column widths as fractions of the page's width. */
  columns: number[];
  rows: Cell[][];
}

const L = (text: string, span = 1): Cell => ({ text, label: true, span });
const V = (value: string | number | boolean | null | undefined, span = 1): Cell => ({
  text: value === null || value === undefined || value === '' ? '—' : typeof value === 'boolean' ? (value ? '是 yes' : '否 no') : String(value),
  span,
});
const H = (text: string): Cell => ({ text, label: true, size: 8 });
const small = (text: string, span = 1): Cell => ({ text, span, size: 8 });
const tally = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([k, v]) => `${k}: ${v}`)
    .join(';  ') || '—';

function filedHash(dataset: Record<string, unknown> | null): string | null {
  if (!dataset) return null;
  return typeof dataset.sha256 === 'string' ? `SHA-256 ${dataset.sha256}` : '是 yes';
}

/** An instant as the law reads it (Asia/Shanghai); a legal date stays as it is. */
const legal = (value: string | null): string => (value === null ? '—' : value.includes('T') ? formatLegalInstant(value) : value);

function filing(p: InspectionPackage): PdfSection {
  const rows: Cell[][] = [];
  for (const f of p.filing) {
    const name = p.inventory.systems.find((s) => s.siteId === f.siteId)?.name;
    rows.push([L('系统 System'), V(name ? `${name} (${f.siteId})` : f.siteId), L('须备案 Required'), V(f.required)]);
    rows.push([L('状态 Status'), V(f.status), L('回执号 Receipt no.'), V(f.receiptNo)]);
    rows.push([L('备案机关 Authority'), V(f.authority), L('应备案日 Due'), V(f.dueDate)]);
    rows.push([L('已备案数据 Filed dataset'), small(filedHash(f.filedDataset) ?? '—', 3)]);
    for (const h of f.history) {
      rows.push([small(`${h.kind} ${h.status}`), small(`提交 submitted ${legal(h.submittedAt)}  备案 filed ${legal(h.filedAt)}`, 2), small(`逾期 late: ${h.late === null ? '—' : h.late ? '是 yes' : '否 no'}`)]);
    }
  }
  if (rows.length === 0) rows.push([V('无系统 No system', 4)]);
  return { title: '一、备案情况 1. Filing status and filed dataset (art. 14)', columns: [0.2, 0.3, 0.2, 0.3], rows };
}

function inventory(p: InspectionPackage): PdfSection {
  const rows: Cell[][] = [[L('摄像机总数 Cameras'), V(p.inventory.cameraCount), L('系统数 Systems'), V(p.inventory.systems.length)]];
  for (const s of p.inventory.systems) {
    rows.push([L('系统 System'), V(`${s.name} (${s.siteId})`), L('场所类别 Category'), V(s.placeCategory)]);
    rows.push([L('地址 Address'), V(s.address), L('说明必要性的摄像机 With necessity'), V(`${s.camerasWithNecessity} / ${s.cameraCount}`)]);
  }
  rows.push([H('摄像机 Camera'), H('位置/朝向 Position, heading'), H('区域/音频 Zone, audio'), H('状态/必要性 Status, necessity')]);
  for (const c of p.inventory.cameras) {
    const pos = c.position ? `(${c.position.x}, ${c.position.y}) ${c.headingDeg ?? '—'}°` : '—';
    rows.push([small(`${c.name} (${c.cameraId})`), small(pos), small(`${c.zoneType ?? '—'} / ${c.audioEnabled ? '音频 audio' : '无音频 no audio'}`), small(`${c.status}; ${c.necessity || '—'}`)]);
  }
  return { title: '二、系统与点位 2. Inventory with placement (arts. 7, 8, 9)', columns: [0.25, 0.25, 0.22, 0.28], rows };
}

function signage(p: InspectionPackage): PdfSection {
  const rows: Cell[][] = [[H('标识 Sign'), H('位置 Location'), H('照片 Photo'), H('公开码 Public code')]];
  for (const s of p.signage.signs) rows.push([small(s.signId), small(s.location), small(s.photoEvidence), small(s.publicCode ?? '—')]);
  rows.push([L('无标识的在用摄像机 Active cameras without a sign'), V(p.signage.camerasWithoutSign.join(', ') || '无 none', 3)]);
  return { title: '三、提示标识 3. Signage and photo evidence (art. 13)', columns: [0.25, 0.35, 0.15, 0.25], rows };
}

function retention(p: InspectionPackage): PdfSection {
  const rows: Cell[][] = [[L('法定最短 Floor (days)'), V(p.retention.floorDays), L('保全 Holds'), V(p.retention.holds.length)]];
  rows.push([H('摄像机 Camera'), H('设定天数 Configured days'), H('最早录像 Oldest footage'), H('已存天数 Age (days)')]);
  for (const c of p.retention.cameras) {
    rows.push([small(c.cameraId), small(`${c.configuredDays}${c.meetsFloor ? '' : '  低于下限 below floor'}`), small(c.oldestFootageAt ?? '—'), small(c.oldestFootageAgeDays === null ? '—' : String(c.oldestFootageAgeDays))]);
  }
  return { title: '四、存储期限 4. Retention configured and actual (art. 17)', columns: [0.3, 0.22, 0.3, 0.18], rows };
}

function register(p: InspectionPackage): PdfSection {
  const r = p.accessRegister;
  return {
    title: '五、调用登记 5. Access register for the period (art. 16)',
    columns: [0.25, 0.75],
    rows: [
      [L('期间 Period'), V(`${p.period.from} – ${p.period.to}`)],
      [L('登记条数 Entries'), V(r.total)],
      [L('按类型 By kind'), V(tally(r.byKind))],
      [L('按操作 By operation'), V(tally(r.byOperation))],
      [L('按事由 By reason'), V(tally(r.byReasonCategory))],
      [L('调用单位 Viewers’ units'), V(r.viewerUnits.map((u) => `${u.unit}: ${u.count}`).join(';  ') || '—')],
      [L('哈希链核验 Chain verified'), V(`${r.verification.ok ? '通过 OK' : '未通过 FAILED'}  (${r.verification.entries})${r.verification.firstBad ? `  ${r.verification.firstBad}` : ''}`)],
      [L('链头 Head hash'), small(r.verification.headHash)],
    ],
  };
}

function personnel(p: InspectionPackage): PdfSection {
  const rows: Cell[][] = [[H('人员 Person'), H('岗位 Position'), H('审查/保密教育 Vetting, education'), H('培训/协议 Training, agreement'), H('齐全 Complete')]];
  for (const x of p.personnel.persons) {
    rows.push([small(x.name), small(x.position ?? '—'), small(`${x.entryVettingAt ?? '—'} / ${x.confidentialityEducationAt ?? '—'}`), small(`${x.jobTrainingAt ?? '—'} / ${x.confidentialityAgreementAt ?? '—'}`), small(x.complete ? '是 yes' : '否 no')]);
  }
  for (const f of p.personnel.findings) rows.push([small(`${f.code}: ${f.message.zh}`, 5)]);
  return { title: '六、人员条件 6. Personnel prerequisites (art. 16.2)', columns: [0.2, 0.18, 0.24, 0.24, 0.14], rows };
}

function trustees(p: InspectionPackage): PdfSection {
  const t = p.trustees;
  const rows: Cell[][] = [[H('类型 Kind'), H('单位 Unit'), H('范围 Scope'), H('期限 Validity')]];
  for (const c of t.commissions) rows.push([small('委托 Commission'), small(c.contractorUnit), small(c.scope.join(', ')), small(`${c.validFrom} – ${c.validTo}`)]);
  for (const e of t.entrustedOperators) rows.push([small('运维受托 Entrusted operator'), small(e.name), small(e.siteId), small(e.contractRef || '—')]);
  for (const i of t.installers) rows.push([small('安装单位 Installer'), small(i.name), small(`${i.cameras} 台 cameras`), small('—')]);
  if (rows.length === 1) rows.push([V('无 None', 4)]);
  return { title: '七、受托与施工单位 7. Trustee and contractor registers (arts. 7.3, 19)', columns: [0.22, 0.33, 0.25, 0.2], rows };
}

function security(p: InspectionPackage): PdfSection {
  const l = p.security.ledger;
  const rows: Cell[][] = p.security.controls.map((c) => [L(c.control), small(`${c.howMet.zh}\n${c.howMet.en}`)]);
  rows.push([L('检查点 Checkpoint tree size'), V(l.checkpoint?.treeSize ?? null)]);
  rows.push([L('根哈希 Root hash'), small(l.checkpoint?.rootHash ?? '—')]);
  rows.push([L('签署时间 Signed at'), small(l.checkpoint ? `${l.checkpoint.at}  (key ${l.checkpoint.keyId})` : '—')]);
  rows.push([L('公钥指纹 Key fingerprint (SHA-256)'), small(l.publicKey?.fingerprintSha256 ?? '—')]);
  rows.push([L('账本核验 Ledger verified'), V(`${l.verification.ok ? '通过 OK' : '未通过 FAILED'}  leaves ${l.verification.leaves}, checkpoints ${l.verification.checkpoints}, problems ${l.verification.problems}${l.verification.firstProblem ? `  ${l.verification.firstProblem}` : ''}`)]);
  return { title: '八、安全控制与完整性 8. Security controls and integrity (arts. 15, 9.2)', columns: [0.3, 0.7], rows };
}

function findings(p: InspectionPackage): PdfSection {
  const rows: Cell[][] = [[L('按严重程度 By severity'), V(tally(p.findings.counts), 3)]];
  rows.push([H('规则 Rule'), H('条款 Article'), H('严重程度 Severity'), H('说明 Finding')]);
  for (const f of p.findings.items) rows.push([small(`${f.ruleId} ${f.code}`), small(`${f.article}${f.penaltyRef ? ` → ${f.penaltyRef}` : ''}`), small(f.severity), small(`${f.subjectType} ${f.subjectId}: ${f.message.zh}`)]);
  if (p.findings.items.length === 0) rows.push([V('无未结问题 No open findings', 4)]);
  return { title: '九、未结问题 9. Open findings', columns: [0.24, 0.14, 0.14, 0.48], rows };
}

export function pdfSections(p: InspectionPackage): PdfSection[] {
  return [filing(p), inventory(p), signage(p), retention(p), register(p), personnel(p), trustees(p), security(p), findings(p)];
}
