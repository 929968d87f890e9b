/** Readers of the Events service answers: the pull point, and the notifications it hands out. */
import { OnvifError } from '../soap/errors.ts';
import { childrenNamed, findAll, findElement, parseResponse, requiredText, text, textOf, type XmlElement } from '../soap/response.ts';

export interface PullPoint {
  address: string;
  terminationTime: string | null;
}

export interface OnvifNotification {
  /** The topic without its prefix: RuleEngine/CellMotionDetector/Motion … */
  topic: string;
  utcTime: string | null;
  /** Initialized, Changed or Deleted. */
  operation: string | null;
  source: Record<string, string>;
  data: Record<string, string>;
}

export function parsePullPoint(xml: string): PullPoint {
  const response = parseResponse(xml, 'CreatePullPointSubscriptionResponse');
  const address = requiredText(findElement(response, 'SubscriptionReference'), 'Address', 2048);
  if (!/^https?:\/\//i.test(address)) throw new OnvifError('E_ONVIF_RESPONSE', 'the pull point address is not an HTTP URL');
  return { address, terminationTime: text(response, 'TerminationTime') };
}

function items(element: XmlElement | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!element) return out;
  for (const item of findAll(element, 'SimpleItem').slice(0, 32)) {
    const name = item.attributes.Name;
    if (name && name.length <= 64) out[name] = (item.attributes.Value ?? '').slice(0, 256);
  }
  return out;
}

export function parsePullMessages(xml: string): OnvifNotification[] {
  const response = parseResponse(xml, 'PullMessagesResponse');
  return childrenNamed(response, 'NotificationMessage')
    .slice(0, 256)
    .map((notification) => {
      const topicElement = childrenNamed(notification, 'Topic')[0];
      const topic = (topicElement ? textOf(topicElement).trim() : '').replace(/^[\w.-]+:/, '').slice(0, 256);
      const message = findElement(notification, 'Message');
      const inner = message ? (childrenNamed(message, 'Message')[0] ?? message) : undefined;
      return {
        topic,
        utcTime: inner?.attributes.UtcTime?.slice(0, 40) ?? null,
        operation: inner?.attributes.PropertyOperation?.slice(0, 20) ?? null,
        source: items(inner ? childrenNamed(inner, 'Source')[0] : undefined),
        data: items(inner ? childrenNamed(inner, 'Data')[0] : undefined),
      };
    });
}

/** Renew's answer: the new termination time. */
export function parseRenew(xml: string): string | null {
  return text(parseResponse(xml, 'RenewResponse'), 'TerminationTime');
}
