// Custos start page: status, compliance findings and filing deadlines, in Chinese or English, after sign-in.
import { api, ensureSession, signOut } from './auth.js';

const TEXT = {
  zh: {
    tagline: '公共安全视频图像信息系统', apiDocs: 'API 文档', status: '运行状态',
    signIn: '登录', signOut: '退出', username: '用户名', password: '密码', displayName: '姓名', totp: '动态验证码', create: '创建', confirm: '确认',
    setupTitle: '首次设置', setupHint: '创建第一个系统管理员账户(密码至少 12 个字符)。', enrolTitle: '绑定动态验证码', enrolHint: '您的角色要求动态验证码:请在验证器应用中添加以下密钥,然后输入当前验证码。',
    findings: '合规发现', deadlines: '备案期限', cameras: '摄像机', system: '系统', state: '状态', due: '截止日期',
    camera: '摄像机', recording: '录像', online: '录像中', offline: '离线', error: '故障', starting: '连接中', stopped: '未录像', ready: '服务正常', notReady: '服务未就绪', overdue: '已逾期', none: '无', lang: 'English',
    BLOCK: '阻止', NONCOMPLIANT: '不合规', ADVISORY: '建议', INFO: '提示',
  },
  en: {
    tagline: 'Public security video system', apiDocs: 'API docs', status: 'Status',
    signIn: 'Sign in', signOut: 'Sign out', username: 'Username', password: 'Password', displayName: 'Full name', totp: 'One-time code', create: 'Create', confirm: 'Confirm',
    setupTitle: 'First-run setup', setupHint: 'Create the first administrator account (password of at least 12 characters).', enrolTitle: 'Enrol your authenticator', enrolHint: 'Your role requires a one-time code: add this secret to an authenticator app, then enter the current code.',
    findings: 'Compliance findings', deadlines: 'Filing deadlines', cameras: 'Cameras', system: 'System', state: 'State', due: 'Due',
    camera: 'Camera', recording: 'Recording', online: 'recording', offline: 'offline', error: 'error', starting: 'connecting', stopped: 'not recording', ready: 'Ready', notReady: 'Not ready', overdue: 'overdue', none: 'none', lang: '中文',
    BLOCK: 'Block', NONCOMPLIANT: 'Non-compliant', ADVISORY: 'Advisory', INFO: 'Info',
  },
};
let lang = localStorage.getItem('custos.lang') === 'en' ? 'en' : 'zh';
const t = (key) => TEXT[lang][key] ?? key;

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function applyText() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  document.getElementById('lang').textContent = t('lang');
}

async function render() {
  applyText();
  const [ready, version] = await Promise.all([api('/api/health/ready'), api('/api/version')]);
  document.getElementById('status').textContent = `${ready.status === 'ready' ? t('ready') : t('notReady')} · v${version.version} · ${version.database}`;
  const report = await api('/api/compliance');
  const counts = document.getElementById('counts');
  counts.replaceChildren(...Object.entries(report.counts).map(([sev, n]) => el('div', `${t(sev)}: ${n}`, `count sev-${sev}`)));
  const deadlines = document.querySelector('#deadlines tbody');
  deadlines.replaceChildren(
    ...report.filingDeadlines.map((d) => {
      const row = el('tr');
      row.append(el('td', d.siteName), el('td', d.status), el('td', d.overdue ? `${d.dueDate} (${t('overdue')})` : d.dueDate, d.overdue ? 'overdue' : ''));
      return row;
    }),
  );
  const cameras = document.querySelector('#cameras tbody');
  cameras.replaceChildren(
    ...report.cameras.map((c) => {
      const row = el('tr');
      const list = el('td');
      if (c.findings.length === 0) list.textContent = t('none');
      for (const f of c.findings) list.append(el('div', `[${t(f.severity)}] ${f.message[lang]}`, `sev-${f.severity}`));
      const rec = el('td', '', 'rec');
      rec.dataset.camera = c.cameraId;
      rec.textContent = recordingText(latestStatus.get(c.cameraId));
      row.append(el('td', c.name), el('td', c.status), rec, list);
      return row;
    }),
  );
}

const latestStatus = new Map();

function recordingText(s) {
  if (!s) return t('stopped');
  const rate = s.state === 'online' ? ` · ${s.fps} fps · ${(s.bitrateBps / 1e6).toFixed(1)} Mbit/s · ${s.segments}` : s.reason ? ` · ${s.reason}` : '';
  return `${t(s.state)}${rate}`;
}

/** Recording status pushed by the server (server-sent events, with the session cookie). */
async function followRecording() {
  const response = await fetch('/api/recording/events', { credentials: 'same-origin' });
  if (!response.ok || !response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event.split('\n').find((line) => line.startsWith('data: '));
      if (!data) continue;
      for (const s of JSON.parse(data.slice(6))) latestStatus.set(s.cameraId, s);
      for (const cell of document.querySelectorAll('td.rec')) cell.textContent = recordingText(latestStatus.get(cell.dataset.camera));
    }
  }
}

document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('custos.lang', lang);
  render().catch(showError);
});
document.getElementById('signout').addEventListener('click', () => {
  signOut().catch(showError);
});
function showError(error) {
  document.getElementById('status').textContent = error.message;
}
applyText();
async function start() {
  await ensureSession();
  void followRecording().catch(() => undefined);
  await render();
}
start().catch(showError);
