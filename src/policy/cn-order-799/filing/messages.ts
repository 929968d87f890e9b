/** Bilingual finding messages of the filing engine. */
import type { LocalizedText } from '../../../shared/errors.ts';
import { fieldLabel, zhDate } from './labels.ts';
import type { FilingDiff } from './diff.ts';

const COUNTY_PSB: LocalizedText = { zh: '所在地县级人民政府公安机关', en: 'the county-level public security organ' };

function authorityText(authority: string | null): LocalizedText {
  return authority ? { zh: authority, en: authority } : COUNTY_PSB;
}

export function overdueMessage(system: string, dueDate: string, daysOverdue: number, preExisting: boolean, authority: string | null): LocalizedText {
  const a = authorityText(authority);
  const pre = preExisting ? { zh: '(条例施行前已启用的系统)', en: ' (in use before the Regulation took effect)' } : { zh: '', en: '' };
  return {
    zh: `系统“${system}”${pre.zh}的备案期限已于${zhDate(dueDate)}届满,至今未提交备案,已逾期${daysOverdue}日。请尽快向${a.zh}办理备案;未依照第十四条备案的,由公安机关责令限期改正,拒不改正的可处罚款(第二十九条)。`,
    en: `System "${system}"${pre.en} has not been submitted for filing; the filing period ended on ${dueDate} and it is ${daysOverdue} day(s) overdue. File with ${a.en} without delay. Art. 29: the PSB orders correction within a time limit, with a fine on refusal.`,
  };
}

export function dueMessage(system: string, dueDate: string, daysLeft: number, preExisting: boolean, authority: string | null): LocalizedText {
  const a = authorityText(authority);
  const basis = preExisting
    ? { zh: '条例施行前已启用的系统应自2025年4月1日起90日内备案', en: 'systems in use before 2025-04-01 must be filed within 90 days of that date' }
    : { zh: '系统应自投入使用之日起30日内备案', en: 'a system must be filed within 30 days of being put into use' };
  return {
    zh: `系统“${system}”尚未备案。${basis.zh},最迟于${zhDate(dueDate)}向${a.zh}办理,还剩${daysLeft}日。`,
    en: `System "${system}" is not filed yet: ${basis.en}. File with ${a.en} by ${dueDate} (${daysLeft} day(s) left).`,
  };
}

export function changeMessage(system: string, diff: FilingDiff, dueDate: string): LocalizedText {
  const paths = Object.keys(diff);
  return {
    zh: `系统“${system}”的备案事项已发生变化(${paths.map((p) => fieldLabel(p).zh).join('、')}),应及时办理备案变更,最迟于${zhDate(dueDate)}。`,
    en: `Filed facts of system "${system}" have changed (${paths.map((p) => fieldLabel(p).en).join(', ')}); file the change by ${dueDate}.`,
  };
}

export function filedMessage(system: string, filedAt: string, receiptNo: string | null, late: boolean, dueDate: string): LocalizedText {
  const receipt = receiptNo ? { zh: `,备案回执编号${receiptNo}`, en: `, receipt ${receiptNo}` } : { zh: '', en: '' };
  const lateText = late
    ? { zh: `,晚于备案期限(${zhDate(dueDate)})`, en: `, after the filing deadline (${dueDate})` }
    : { zh: '', en: '' };
  return {
    zh: `系统“${system}”已于${zhDate(filedAt)}完成备案${receipt.zh}${lateText.zh}。备案不是审批。`,
    en: `System "${system}" was filed on ${filedAt}${receipt.en}${lateText.en}. Filing is a record, not an approval.`,
  };
}

export function submittedMessage(system: string, submittedOn: string, late: boolean, dueDate: string): LocalizedText {
  const lateText = late
    ? { zh: `,晚于备案期限(${zhDate(dueDate)})`, en: `, after the filing deadline (${dueDate})` }
    : { zh: '', en: '' };
  return {
    zh: `系统“${system}”已于${zhDate(submittedOn)}提交备案${lateText.zh},等待公安机关出具备案回执。`,
    en: `System "${system}" was submitted for filing on ${submittedOn}${lateText.en}; awaiting the PSB's receipt.`,
  };
}
