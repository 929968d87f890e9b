/** A second, API-only session for what a test prepares outside the browser (TOTP, personnel records). */
import { Secret, TOTP } from 'otpauth';

export class ApiSession {
  private constructor(
    readonly base: string,
    private readonly headers: Record<string, string>,
  ) {}

  static async signIn(base: string, username: string, password: string, totp?: string): Promise<ApiSession> {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password, ...(totp ? { totp } : {}) }) });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    return new ApiSession(base, { cookie, 'x-csrf-token': csrfToken });
  }

  async call<T = unknown>(method: string, url: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}${url}`, { method, headers: { ...this.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** Enrols TOTP for the signed-in user; returns a function that gives the current code. */
  /**
   * Enrols an authenticator; the function it returns gives the code of a time step later than any used
   * before (a code is accepted once), waiting for the next 30-second step when it must, as a person would.
   */
  async enrolTotp(): Promise<() => Promise<string>> {
    const { secret } = await this.call<{ secret: string }>('POST', '/api/auth/totp/enroll');
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
    const step = () => Math.floor(Date.now() / 30_000);
    let lastStep = step();
    await this.call('POST', '/api/auth/totp/confirm', { code: totp.generate() });
    return async () => {
      while (step() <= lastStep) await new Promise((resolve) => setTimeout(resolve, 250));
      lastStep = step();
      return totp.generate();
    };
  }

  /** REG-16-2: a staff record with every prerequisite dated today, linked to the signed-in user. */
  async recordPrerequisites(): Promise<void> {
    const me = await this.call<{ user: { id: string; unitId: string | null } }>('GET', '/api/auth/session');
    const units = await this.call<{ id: string }[]>('GET', '/api/units');
    const today = new Date().toISOString().slice(0, 10);
    const dates = { entryVettingAt: today, confidentialityEducationAt: today, jobTrainingAt: today, confidentialityAgreementAt: today };
    const person = await this.call<{ id: string }>('POST', '/api/persons', { unitId: me.user.unitId ?? units[0]!.id, name: '测试管理员', ...dates });
    await this.call('PATCH', `/api/users/${me.user.id}`, { personId: person.id });
  }
}
