/**
 * Answers awaited from devices, correlated by the sending device, CmdType and SN (GB/T 28181-2022 §9.5:
 * a query's answer comes back as a MESSAGE of its own). A list answer (Catalog, RecordInfo) may come in
 * several messages, each saying SumNum: it completes when that many items arrived, or at the timeout
 * with what arrived (a timeout with nothing is E_GB_TIMEOUT).
 */
import { gbTimeout } from '../gb-errors.ts';
import type { ManscdpMessage } from '../manscdp/xml.ts';

/** For a list answer: how many items the device announced and how many this message holds. */
export type ListCounter = (message: ManscdpMessage) => { sumNum: number; items: number };

interface Pending {
  messages: ManscdpMessage[];
  received: number;
  counter: ListCounter | undefined;
  timer: NodeJS.Timeout;
  resolve: (messages: ManscdpMessage[]) => void;
  reject: (error: Error) => void;
}

export class PendingQueries {
  private readonly pending = new Map<string, Pending>();
  private sn = 1 + Math.floor(Math.random() * 100_000);

  nextSn(): number {
    this.sn = (this.sn % 999_999_999) + 1;
    return this.sn;
  }

  /** Registers the wait before the query goes out (the answer may be quicker than the 200 OK). */
  wait(deviceId: string, cmdType: string, sn: number, timeoutMs: number, counter?: ListCounter): { done: Promise<ManscdpMessage[]>; cancel: (error: Error) => void } {
    const key = `${deviceId}|${cmdType}|${sn}`;
    let entry!: Pending;
    const done = new Promise<ManscdpMessage[]>((resolve, reject) => {
      entry = {
        messages: [],
        received: 0,
        counter,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.pending.delete(key);
          if (entry.messages.length > 0) resolve(entry.messages);
          else reject(gbTimeout(cmdType, deviceId));
        }, timeoutMs),
      };
    });
    this.pending.set(key, entry);
    return {
      done,
      cancel: (error) => {
        if (this.pending.get(key) !== entry) return;
        this.pending.delete(key);
        clearTimeout(entry.timer);
        entry.reject(error);
      },
    };
  }

  /** A Response from `deviceId`: true when something was waiting for it. */
  deliver(deviceId: string, message: ManscdpMessage): boolean {
    const key = `${deviceId}|${message.cmdType}|${message.sn}`;
    const entry = this.pending.get(key);
    if (!entry) return false;
    entry.messages.push(message);
    if (entry.counter) {
      const { sumNum, items } = entry.counter(message);
      entry.received += items;
      if (entry.received < sumNum) return true;
    }
    this.pending.delete(key);
    clearTimeout(entry.timer);
    entry.resolve(entry.messages);
    return true;
  }

  cancelAll(error: Error): void {
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
    this.pending.clear();
  }
}
