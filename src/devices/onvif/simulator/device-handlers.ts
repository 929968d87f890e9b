/** The simulator's Device service. */
import { esc } from './soap-io.ts';
import type { Handler } from './context.ts';

const dateTime = (at: Date) =>
  `<tt:Date><tt:Year>${at.getUTCFullYear()}</tt:Year><tt:Month>${at.getUTCMonth() + 1}</tt:Month><tt:Day>${at.getUTCDate()}</tt:Day></tt:Date>` +
  `<tt:Time><tt:Hour>${at.getUTCHours()}</tt:Hour><tt:Minute>${at.getUTCMinutes()}</tt:Minute><tt:Second>${at.getUTCSeconds()}</tt:Second></tt:Time>`;

export const deviceHandlers: Record<string, Handler> = {
  GetSystemDateAndTime: (ctx) =>
    `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>CST-8</tt:TZ></tt:TimeZone><tt:UTCDateTime>${dateTime(new Date(ctx.deviceNow()))}</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`,
  GetDeviceInformation: ({ identity: i }) =>
    `<tds:GetDeviceInformationResponse><tds:Manufacturer>${esc(i.manufacturer)}</tds:Manufacturer><tds:Model>${esc(i.model)}</tds:Model><tds:FirmwareVersion>${esc(i.firmwareVersion)}</tds:FirmwareVersion><tds:SerialNumber>${esc(i.serialNumber)}</tds:SerialNumber><tds:HardwareId>${esc(i.hardwareId)}</tds:HardwareId></tds:GetDeviceInformationResponse>`,
  GetCapabilities: ({ base }) =>
    `<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:XAddr>${base}/onvif/device_service</tt:XAddr></tt:Device><tt:Events><tt:XAddr>${base}/onvif/events_service</tt:XAddr><tt:WSPullPointSupport>true</tt:WSPullPointSupport></tt:Events><tt:Media><tt:XAddr>${base}/onvif/media_service</tt:XAddr></tt:Media><tt:PTZ><tt:XAddr>${base}/onvif/ptz_service</tt:XAddr></tt:PTZ></tds:Capabilities></tds:GetCapabilitiesResponse>`,
  GetServices: ({ base }) =>
    `<tds:GetServicesResponse>${[
      ['http://www.onvif.org/ver10/device/wsdl', 'device_service'],
      ['http://www.onvif.org/ver10/media/wsdl', 'media_service'],
      ['http://www.onvif.org/ver20/ptz/wsdl', 'ptz_service'],
      ['http://www.onvif.org/ver10/events/wsdl', 'events_service'],
    ]
      .map(([ns, path]) => `<tds:Service><tds:Namespace>${ns}</tds:Namespace><tds:XAddr>${base}/onvif/${path}</tds:XAddr><tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>`)
      .join('')}</tds:GetServicesResponse>`,
  GetNetworkInterfaces: ({ identity, host }) =>
    `<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token="eth0"><tt:Enabled>true</tt:Enabled><tt:Info><tt:Name>eth0</tt:Name><tt:HwAddress>${esc(identity.mac)}</tt:HwAddress><tt:MTU>1500</tt:MTU></tt:Info><tt:IPv4><tt:Enabled>true</tt:Enabled><tt:Config><tt:Manual><tt:Address>${esc(host)}</tt:Address><tt:PrefixLength>24</tt:PrefixLength></tt:Manual><tt:DHCP>false</tt:DHCP></tt:Config></tt:IPv4></tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>`,
};
