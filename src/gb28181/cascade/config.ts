/**
 * `cascade.*`: Custos registering upward to superior platforms (GB/T 28181-2022 §9.1 级联: the public
 * security organ's platform). Nothing is shared unless named: each upward link lists the registry
 * cameras (or one camera group) it shares, and names the basis of that provision (art. 23(1): no
 * external provision without a basis), required as soon as anything is shared.
 */
import { z } from 'zod';

const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const gbCode = (type: string, what: string) =>
  z
    .string()
    .regex(/^\d{20}$/, `${what} must be a 20-digit code (GB/T 28181 Annex E)`)
    .refine((code) => code.slice(10, 13) === type, `${what} must have type digits ${type}`);
const channelCode = z
  .string()
  .regex(/^\d{20}$/, 'a channel code must be 20 digits')
  .refine((code) => /^13[1-8]$/.test(code.slice(10, 13)), 'a channel code must have type digits 131–138');

export const cascadeUpward = z
  .strictObject({
    /** A name for the link (status, logs, the register's actor). */
    name: z.string().min(1).max(100),
    enabled: flag.default(true),
    superior: z.strictObject({
      /** The superior platform's code (type 200, central SIP server). */
      sipId: gbCode('200', 'superior.sipId'),
      /** Its 10-digit SIP domain; default the first 10 digits of sipId. */
      domain: z.string().regex(/^\d{10}$/).optional(),
      host: z.string().min(1),
      port: z.coerce.number().int().min(1).max(65535).default(5060),
      transport: z.enum(['udp', 'tcp']).default('udp'),
      /** The organ that runs it (the register's 单位 for what it receives), e.g. 某市公安局. */
      organ: z.string().min(1).max(200).optional(),
    }),
    /** Our platform's code as the superior knows it (type 200). */
    localSipId: gbCode('200', 'localSipId'),
    /** SIP Digest password the superior gave us; never logged or returned. */
    password: z.string().min(1).max(128),
    registerExpiresSec: z.coerce.number().int().min(60).max(86_400).default(3600),
    keepaliveSec: z.coerce.number().int().min(1).max(3600).default(60),
    /** Catalog items per MESSAGE sent upward. */
    catalogPerMessage: z.coerce.number().int().min(1).max(100).default(10),
    /** Address to bind and to announce (Contact, Via) when the superior reaches us by another. */
    localHost: z.string().min(1).default('0.0.0.0'),
    advertiseHost: z.string().min(1).optional(),
    share: z
      .strictObject({
        /** Registry camera ids shared upward. */
        cameraIds: z.array(z.string().min(1)).default([]),
        /** Or every camera of one camera group (resolved at each catalog query). */
        cameraGroupId: z.string().min(1).optional(),
        /** Channel codes for cameras that have no GB code of their own (not gb28181:// sources). */
        channelCodes: z.record(z.string().min(1), channelCode).default({}),
      })
      .prefault({}),
    /**
     * What the provision rests on (art. 23(1)): e.g. the written request or agreement of the organ
     * and its reference number. Required when anything is shared; written into every register entry.
     */
    basis: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((link, ctx) => {
    const sharing = link.share.cameraIds.length > 0 || link.share.cameraGroupId !== undefined;
    if (sharing && !link.basis) {
      ctx.addIssue({ code: 'custom', path: ['basis'], message: 'basis is required when cameras are shared upward (Order 799 art. 23(1): no external provision without a basis)' });
    }
  });
export type CascadeUpwardConfig = z.infer<typeof cascadeUpward>;

export const cascadeConfig = z
  .strictObject({
    upward: z.array(cascadeUpward).default([]),
  })
  .superRefine((cfg, ctx) => {
    const names = new Set<string>();
    cfg.upward.forEach((link, i) => {
      if (names.has(link.name)) ctx.addIssue({ code: 'custom', path: ['upward', i, 'name'], message: `duplicate upward link name ${link.name}` });
      names.add(link.name);
    });
  })
  .prefault({});
