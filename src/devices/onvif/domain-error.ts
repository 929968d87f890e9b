/** An OnvifError as the API reports it: a conflict with the device's state, its E_ONVIF_* code kept. */
import { ConflictError, type DomainError } from '../../shared/errors.ts';
import { OnvifError } from './soap/errors.ts';

export function onvifDomainError(error: OnvifError): DomainError {
  return new ConflictError(error.code, {
    message: { zh: `ONVIF 设备未完成请求:${error.message}`, en: `The ONVIF device did not do it: ${error.message}` },
    details: { subcode: error.subcode },
  });
}

/** Runs `work`, turning an OnvifError into its domain error. */
export async function asDomain<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OnvifError) throw onvifDomainError(error);
    throw error;
  }
}
