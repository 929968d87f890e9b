/**
 * REG-16-2 findings: holders of important-position roles whose personnel records are incomplete or whose
 * job training has lapsed (their video access is suspended by the access gate meanwhile).
 */
import type { Db } from '../../db/connect.ts';
import type { Finding } from '../../policy/types.ts';
import { loadUserFacts } from '../authorization/user-facts.ts';
import { grantsRepository } from '../grants/grants-repository.ts';
import { missingPrerequisites, trainingLapsed, trainingLapsesOn } from './prerequisites.ts';

export async function personnelFindings(db: Db, at: Date): Promise<Finding[]> {
  const users = await db.selectFrom('users').select(['id']).where('active', '=', 1).orderBy('username').execute();
  const findings: Finding[] = [];
  for (const { id: userId } of users) {
    const important = (await grantsRepository.activeFor(db, userId, at)).filter(({ role }) => role.importantPosition);
    if (important.length === 0) continue;
    const user = await loadUserFacts(db, userId);
    const unitId = user?.person?.unitId ?? user?.unitId;
    if (!user || !unitId) continue;
    const roles = important.map(({ role }) => role.name);
    const missing = missingPrerequisites(user.person);
    if (missing.length > 0) {
      findings.push({
        ruleId: 'REG-16-2',
        code: 'PERSONNEL_PREREQ_MISSING',
        article: '16.2(1)',
        severity: 'NONCOMPLIANT',
        message: {
          zh: `用户 ${user.username} 担任重要岗位(${roles.join('、')}),但入职审查、保密教育、岗位培训或保密协议记录不全`,
          en: `User ${user.username} holds important positions (${roles.join(', ')}) without complete personnel records`,
        },
        subject: { type: 'unit', id: unitId },
        details: { userId, missing },
      });
    } else if (user.person && trainingLapsed(user.person, at)) {
      findings.push({
        ruleId: 'REG-16-2',
        code: 'TRAINING_LAPSED',
        article: '16.2(1)',
        severity: 'NONCOMPLIANT',
        message: {
          zh: `用户 ${user.username} 的岗位培训已于 ${trainingLapsesOn(user.person.jobTrainingAt!)} 过期,视频访问已暂停`,
          en: `User ${user.username}'s job training lapsed on ${trainingLapsesOn(user.person.jobTrainingAt!)}; video access is suspended`,
        },
        subject: { type: 'unit', id: unitId },
        details: { userId, jobTrainingAt: user.person.jobTrainingAt },
      });
    }
  }
  return findings;
}
