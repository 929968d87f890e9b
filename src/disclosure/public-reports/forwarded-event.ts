/**
 * What the event bus carries when a unit forwards a public report to the public security organ
 * (art. 24 ¶2), for the police side to subscribe to (webhooks `public-report.forwarded`, MQTT
 * `<prefix>/events`). Never the reporter's contact, never the photos' bytes: their hashes.
 */
export interface ForwardedReportEvent {
  reportId: string;
  reference: string;
  violationType: string;
  article: string;
  unitId: string;
  unitName: string;
  siteId: string;
  siteName: string;
  siteAddress: string;
  adminDivisionCode: string;
  authority: string;
  channel: string;
  forwardedAt: string;
  forwardedByName: string;
  receivedAt: string;
  location: string;
  photoSha256: string[];
  /** The bilingual forwarding letter (PDF), for those who may read the report. */
  letterPath: string;
}
