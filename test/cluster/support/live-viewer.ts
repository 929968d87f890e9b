/**
 * A viewer of the live fMP4 stream (GET /api/media/live.mp4) as a browser reads it: a session cookie that
 * can be carried to another API process, and for each fragment the wall clock its prft box names and the
 * time it arrived.
 */
import { prftWallMs } from '../../../src/viewing/prft.ts';

export class Session {
  private constructor(
    readonly cookie: string,
    readonly csrfToken: string,
  ) {}

  static async signIn(base: string, username: string, password: string): Promise<Session> {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (login.status !== 200) throw new Error(`sign-in at ${base} failed: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    return new Session(cookie, csrfToken);
  }

  /** A request with this session to any API process. */
  async call<T = unknown>(base: string, method: string, url: string, body?: unknown): Promise<T> {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${base}${url}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** REG-16-2: the signed-in user's staff record with every prerequisite dated today (needed to view). */
  async recordPrerequisites(base: string): Promise<void> {
    const me = await this.call<{ user: { id: string; unitId: string | null } }>(base, 'GET', '/api/auth/session');
    const units = await this.call<{ id: string }[]>(base, 'GET', '/api/units');
    const today = new Date().toISOString().slice(0, 10);
    const dates = { entryVettingAt: today, confidentialityEducationAt: today, jobTrainingAt: today, confidentialityAgreementAt: today };
    const person = await this.call<{ id: string }>(base, 'POST', '/api/persons', { unitId: me.user.unitId ?? units[0]!.id, name: '集群测试管理员', ...dates });
    await this.call(base, 'PATCH', `/api/users/${me.user.id}`, { personId: person.id });
  }
}

export interface Received {
  /** The fragment's wall clock from its prft box. */
  wallMs: number;
  /** When it arrived here. */
  atMs: number;
}

export class LiveViewer {
  readonly fragments: Received[] = [];
  /** Resolves when the stream ends: with the error that broke it, or undefined for a clean end or abort(). */
  readonly ended: Promise<Error | undefined>;
  private readonly controller = new AbortController();
  private opened!: (status: number) => void;
  readonly status: Promise<number>;

  constructor(
    readonly base: string,
    cameraId: string,
    token: string,
  ) {
    this.status = new Promise((resolve) => (this.opened = resolve));
    this.ended = this.read(`${base}/api/media/live.mp4?cameraId=${cameraId}`, token);
  }

  private async read(url: string, token: string): Promise<Error | undefined> {
    try {
      const response = await fetch(url, { headers: { 'x-media-token': token }, signal: this.controller.signal });
      this.opened(response.status);
      if (response.status !== 200 || !response.body) return new Error(`live stream: ${response.status} ${await response.text()}`);
      const reader = response.body.getReader();
      let buffer = Buffer.alloc(0);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        buffer = Buffer.concat([buffer, value]);
        let at = 0;
        while (at + 8 <= buffer.length) {
          const size = buffer.readUInt32BE(at);
          if (size < 8 || at + size > buffer.length) break;
          if (buffer.toString('latin1', at + 4, at + 8) === 'prft') this.fragments.push({ wallMs: prftWallMs(buffer.subarray(at, at + size)), atMs: Date.now() });
          at += size;
        }
        buffer = buffer.subarray(at);
      }
    } catch (error) {
      this.opened(0);
      return this.controller.signal.aborted ? undefined : (error as Error);
    }
  }

  abort(): void {
    this.controller.abort();
  }
}
