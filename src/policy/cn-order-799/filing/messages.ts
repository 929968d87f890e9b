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

export function changeMessage(system: string, diff: FilingDiff, dueDate: string, changeDate?: string): LocalizedText {
  const paths = Object.keys(diff);
  const since = changeDate ? { zh: `自${zhDate(changeDate)}起`, en: ` since ${changeDate}` } : { zh: '', en: '' };
  return {
    zh: `系统“${system}”的备案事项${since.zh}已发生变化(${paths.map((p) => fieldLabel(p).zh).join('、')}),应及时办理备案变更,最迟于${zhDate(dueDate)}。`,
    en: `Filed facts of system "${system}" have changed${since.en} (${paths.map((p) => fieldLabel(p).en).join(', ')}); file the change by ${dueDate}.`,
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

/** Art. 9.2: an art. 9 place has no filing duty; where it was filed (as an art. 7 place), it may cancel or change the filing. */
export function notRequiredMessage(system: string, filedReceipt: { receiptNo: string | null } | null): LocalizedText {
  const base = {
    zh: `系统“${system}”位于第七条规定以外的其他公共场所。依照第九条第二款,第十四条的备案要求不适用于该系统:无需备案,没有备案期限。`,
    en: `System "${system}" is in a public place other than those of art. 7. Under art. 9.2, art. 14's filing duty does not apply: no filing is required and no filing deadline runs.`,
  };
  if (!filedReceipt) return base;
  const receipt = filedReceipt.receiptNo ? { zh: `(回执编号${filedReceipt.receiptNo})`, en: ` (receipt ${filedReceipt.receiptNo})` } : { zh: '', en: '' };
  return {
    zh: `${base.zh}该系统此前已备案${receipt.zh},可向公安机关办理备案注销或变更。`,
    en: `${base.en} It was filed before${receipt.en}; the unit may ask the PSB to cancel or change that filing.`,
  };
}

/** REG-14-5 (art. 14.2): the filed storage period already differed from the retention in force when it was filed. */
export function untrueFigureMessage(system: string, filed: number, inForce: number, filedOn: string): LocalizedText {
  return {
    zh: `系统“${system}”备案的存储期限为${filed}日,但${zhDate(filedOn)}提交备案时实际配置的保存期限为${inForce}日:该项备案信息在备案时即不真实(第十四条第二款)。请更正备案;备案信息不真实的,依照第二十九条处理。`,
    en: `System "${system}" filed a storage period of ${filed} days, but the retention in force when it was submitted on ${filedOn} was ${inForce} days: the figure was untrue when filed (art. 14.2). Correct the filing; art. 29 applies to untrue filing information.`,
  };
}
