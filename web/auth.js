// Sign-in, first-run setup, TOTP enrolment and sign-out. The session lives in an HttpOnly cookie;
// state-changing requests carry the session's CSRF token in x-csrf-token.
let csrfToken = null;

export async function api(path, { method = 'GET', body } = {}) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw Object.assign(new Error(data?.messages?.[document.documentElement.lang === 'en' ? 'en' : 'zh'] ?? data?.code ?? response.statusText), { status: response.status, code: data?.code });
  return data;
}

const show = (id, visible) => {
  document.getElementById(id).hidden = !visible;
};
const value = (id) => document.getElementById(id).value;
const report = (id, error) => {
  document.getElementById(id).textContent = error ? error.message : '';
};

/** Resolves with the session once the user is signed in (showing the setup, sign-in or enrolment form as needed). */
export async function ensureSession() {
  const setup = /^#setup=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (setup) await setupForm(setup[1]);
  for (;;) {
    try {
      const session = await api('/api/auth/session');
      csrfToken = session.csrfToken;
      if (session.totpEnrollmentRequired) {
        await enrolForm();
        continue;
      }
      show('signin', false);
      show('who', true);
      document.getElementById('who-name').textContent = `${session.user.displayName} · ${session.user.unitName}`;
      return session;
    } catch (error) {
      if (error.status !== 401) throw error;
      await signInForm();
    }
  }
}

function submitted(formId, run, errorId) {
  return new Promise((resolve) => {
    const form = document.getElementById(formId);
    form.onsubmit = async (event) => {
      event.preventDefault();
      try {
        await run();
        report(errorId);
        resolve();
      } catch (error) {
        report(errorId, error);
        if (error.code === 'E_TOTP_REQUIRED' || error.code === 'E_TOTP_INVALID') show('signin-totp-row', true);
      }
    };
  });
}

async function signInForm() {
  show('signin', true);
  await submitted(
    'signin',
    async () => {
      const totp = value('signin-totp');
      const result = await api('/api/auth/login', { method: 'POST', body: { username: value('signin-username'), password: value('signin-password'), ...(totp ? { totp } : {}) } });
      csrfToken = result.csrfToken;
      document.getElementById('signin-password').value = '';
    },
    'signin-error',
  );
  show('signin', false);
}

async function setupForm(token) {
  if (!(await api('/api/setup')).needed) {
    history.replaceState(null, '', location.pathname);
    return;
  }
  show('setup', true);
  await submitted(
    'setup',
    () => api('/api/setup', { method: 'POST', body: { token, username: value('setup-username'), displayName: value('setup-name'), password: value('setup-password') } }),
    'setup-error',
  );
  history.replaceState(null, '', location.pathname);
  show('setup', false);
}

async function enrolForm() {
  show('enrol', true);
  const { secret, uri } = await api('/api/auth/totp/enroll', { method: 'POST' });
  document.getElementById('enrol-secret').textContent = secret;
  document.getElementById('enrol-uri').textContent = uri;
  await submitted('enrol', () => api('/api/auth/totp/confirm', { method: 'POST', body: { code: value('enrol-code') } }), 'enrol-error');
  show('enrol', false);
}

export async function signOut() {
  await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
  csrfToken = null;
  location.reload();
}
