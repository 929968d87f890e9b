/**
 * The sign that talks back (arts. 13, 21, 24): what a person under a sign may learn about the cameras,
 * read without sign-in through the sign's code, and the same facts for the printed sign. Only what the
 * law lets the public know: the unit (by name), the site, the purpose, retention, the filing, the ledger's
 * key and checkpoint. Never a person's name or phone, never camera ids or positions, never video.
 */
import type { Db } from '../db/connect.ts';
import type { Principal } from '../access/principal.ts';
import type { LedgerService } from '../ledger/ledger-service.ts';
import { filingRequired } from '../policy/cn-order-799/filing/duty.ts';
import { filingAuthoritiesRepository, filingsRepository, signsRepository, sitesRepository, unitsRepository, camerasRepository } from '../registry/repositories/index.ts';
import type { SignsService } from '../registry/services/signs.ts';
import type { SignRecord, SiteRecord, UnitRecord } from '../registry/model.ts';
import { retentionFloorDays } from '../retention/floor.ts';
import type { Clock } from '../shared/clock.ts';
import { ConflictError, NotFoundError } from '../shared/errors.ts';
import type { PublicSignInfo } from './api-schema.ts';
import { codeForSign, resolveSignCode } from './sign-codes.ts';

export const VERIFY_COMMAND = 'custos verify <bundle> --public-key ledger-key.pem';

export const signCodeUnknown = (code: string) =>
  new NotFoundError('E_SIGN_CODE_UNKNOWN', {
    message: { zh: '未找到该提示标识对应的场所(二维码可能已停用)', en: 'No site answers to this sign code (the QR may be retired)' },
    details: { code: code.slice(0, 16) },
  });

export const signInactive = (id: string) =>
  new ConflictError('E_SIGN_INACTIVE', {
    article: '13',
    message: { zh: '该提示标识已停用,不再打印', en: 'This sign is retired and is not printed any more' },
    details: { id },
  });

/** The sign, its site and unit, when all three are in force (the public page answers for nothing else). */
export interface PublicSignSubject {
  code: string;
  sign: SignRecord;
  site: SiteRecord;
  unit: UnitRecord;
}

export class PublicSignService {
  constructor(private readonly deps: { db: Db; clock: Clock; ledger: LedgerService; signs: SignsService }) {}

  now(): Date {
    return this.deps.clock.now();
  }

  /** The subject a code opens; E_SIGN_CODE_UNKNOWN for an unknown code, or a site or unit no longer active. */
  async subject(code: string): Promise<PublicSignSubject> {
    const { db } = this.deps;
    const ref = await resolveSignCode(db, code);
    if (!ref) throw signCodeUnknown(code);
    const [sign, site] = await Promise.all([signsRepository.get(db, ref.signId), sitesRepository.get(db, ref.siteId)]);
    const unit = site && (await unitsRepository.get(db, site.unitId));
    if (!sign || !site || !site.active || !unit || !unit.active) throw signCodeUnknown(code);
    return { code: ref.code, sign, site, unit };
  }

  /** The public page's facts (GET /api/public/signs/:code). */
  async info(code: string): Promise<PublicSignInfo> {
    return this.describe(await this.subject(code));
  }

  /** The code of a sign the caller may see (issued now if it has none), with the facts the printed sign carries. */
  async forPrint(signId: string, principal: Principal): Promise<PublicSignInfo> {
    const sign = await this.deps.signs.get(signId, principal);
    if (!sign.active) throw signInactive(signId);
    const code = await codeForSign(this.deps.db, sign, this.deps.clock.now());
    return this.info(code);
  }

  private async describe(subject: PublicSignSubject): Promise<PublicSignInfo> {
    const { db, clock, ledger } = this.deps;
    const { sign, site, unit } = subject;
    const cameras = (await Promise.all(sign.cameraIds.map((id) => camerasRepository.get(db, id)))).filter(
      (c): c is NonNullable<typeof c> => c !== undefined && c.siteId === site.id && c.status !== 'DEACTIVATED',
    );
    const individual = unit.unitType === 'INDIVIDUAL';
    const purposes = [...new Set(cameras.map((c) => c.necessity.trim()).filter(Boolean))];
    return {
      code: subject.code,
      // A natural person's name and home are personal data: the page names the site instead.
      unit: individual ? { name: null, individual } : { name: unit.name, individual },
      site: { name: site.name, address: individual ? '' : site.address, placeCategory: site.placeCategory },
      sign: { location: sign.location, text: sign.text, languages: sign.languages },
      purposes,
      cameraCount: cameras.length,
      audio: cameras.some((c) => c.audioEnabled),
      retention: {
        days: cameras.length > 0 ? Math.max(...cameras.map((c) => c.retentionDays)) : site.storagePeriodDays,
        floorDays: retentionFloorDays(site.placeCategory, clock.now()),
      },
      filing: await this.filing(site),
      ledger: await this.ledgerFacts(ledger),
      forms: { art21: true, report: true },
    };
  }

  private async filing(site: SiteRecord): Promise<PublicSignInfo['filing']> {
    const { db } = this.deps;
    const filings = await filingsRepository.list(db, { siteId: site.id });
    const filed = filings.filter((f) => f.status === 'FILED').sort((a, b) => (b.filedAt ?? '').localeCompare(a.filedAt ?? '') || b.createdAt.localeCompare(a.createdAt))[0];
    const county = (await filingAuthoritiesRepository.get(db, site.adminDivisionCode))?.name ?? null;
    if (filed) return { status: 'FILED', receiptNo: filed.receiptNo, filedAt: filed.filedAt, authority: filed.authority ?? county };
    const submitted = filings.some((f) => f.status === 'SUBMITTED');
    const status = submitted ? 'SUBMITTED' : filingRequired(site.placeCategory) ? 'NOT_FILED' : 'NOT_REQUIRED';
    return { status, receiptNo: null, filedAt: null, authority: county };
  }

  private async ledgerFacts(ledger: LedgerService): Promise<PublicSignInfo['ledger']> {
    // A missing key is the operator's alarm (art. 15), not the public page's failure: the page says "none".
    const publicKey = await ledger.publicKey().catch(() => null);
    const [checkpoint] = await ledger.checkpoints(1);
    return { publicKey, checkpoint: checkpoint ?? null, verifyCommand: VERIFY_COMMAND };
  }
}
