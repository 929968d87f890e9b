/**
 * Answering Catalog (GB/T 28181-2022 §9.5.1, A.2.6.4): the items split over several Response
 * MESSAGEs of at most `perMessage` items each, every one carrying SumNum (all items) and its Num.
 */
import { fields, manscdpDocument } from './manscdp.ts';

export interface CatalogItem {
  deviceId: string;
  name: string;
  manufacturer?: string;
  model?: string;
  owner?: string;
  civilCode: string;
  address?: string;
  /** 1: has children (an NVR's entry for itself), 0: a leaf channel. */
  parental: 0 | 1;
  parentId?: string;
  /** 1 RFC 3261 registration. */
  registerWay?: number;
  secrecy?: 0 | 1;
  status: 'ON' | 'OFF';
  /** Info/PTZType: 1 dome, 2 half dome, 3 fixed, 4 remote-controlled. */
  ptzType?: number;
  longitude?: number;
  latitude?: number;
}

function itemXml(item: CatalogItem): string {
  const main = fields({
    DeviceID: item.deviceId,
    Name: item.name,
    Manufacturer: item.manufacturer,
    Model: item.model,
    Owner: item.owner ?? 'Owner',
    CivilCode: item.civilCode,
    Address: item.address,
    Parental: item.parental,
    ParentID: item.parentId,
    RegisterWay: item.registerWay ?? 1,
    Secrecy: item.secrecy ?? 0,
    Status: item.status,
    Longitude: item.longitude,
    Latitude: item.latitude,
  });
  const info = item.ptzType !== undefined ? `\n<Info>\n${fields({ PTZType: item.ptzType })}\n</Info>` : '';
  return `<Item>\n${main}${info}\n</Item>`;
}

/** The Response bodies, in order; one empty list when there is nothing to share. */
export function catalogResponses(deviceId: string, sn: string | number, items: readonly CatalogItem[], perMessage: number): Buffer[] {
  const size = Math.max(1, Math.floor(perMessage));
  const bodies: Buffer[] = [];
  for (let i = 0; i < Math.max(1, items.length); i += size) {
    const part = items.slice(i, i + size);
    const list = `<DeviceList Num="${part.length}">\n${part.map(itemXml).join('\n')}${part.length ? '\n' : ''}</DeviceList>`;
    bodies.push(manscdpDocument('Response', 'Catalog', sn, deviceId, `${fields({ SumNum: items.length })}\n${list}`));
  }
  return bodies;
}
