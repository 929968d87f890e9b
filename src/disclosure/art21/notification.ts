/** The notice the requester receives when the unit does not consent (REG-21-2): both languages, with the reason. */
import { legalDateOf } from '../../shared/legal-time.ts';

export function rejectionNotice(request: { id: string; requesterName: string; receivedAt: string }, reason: string, decidedAt: string): { zh: string; en: string } {
  const received = legalDateOf(request.receivedAt);
  const decided = legalDateOf(decidedAt);
  return {
    zh:
      `${request.requesterName}:\n您于 ${received} 提出的视频图像查阅申请(编号 ${request.id})经本单位审查,决定不予同意。\n` +
      `理由:${reason}\n如需复制本人个人信息,可依《个人信息保护法》另行申请;如涉及案件,可向公安机关报案,由其依法调取。\n${decided}`,
    en:
      `${request.requesterName},\nYour request of ${received} to view video images (no. ${request.id}) has been reviewed and is not consented to.\n` +
      `Reason: ${reason}\nFor a copy of your own personal information you may apply under the Personal Information Protection Law; where a case is involved, you may report it to the police, who can obtain the footage lawfully.\n${decided}`,
  };
}
