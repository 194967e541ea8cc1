import type { AgentDevice } from '../inventory/live-inventory.ts';
import { compareVersions, type AgentUpdateEvent, type AgentUpdateInfo } from '@crosspoint/protocol';
import type { LinkState } from '../link/hub-link.ts';
import {
  agentLanguages,
  fill,
  languageNames,
  statusName,
  type AgentLanguage,
  type AgentWords,
} from './ui-words.ts';

/** Escapes text for HTML. */
export const h = (s: unknown): string =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const style = `body{font-family:system-ui,sans-serif;margin:0;background:#f5f7fa;color:#1b2430}
header{background:#14202e;color:#fff;padding:.75rem 1.5rem;display:flex;gap:1.5rem;align-items:center}
header a{color:#cfe3ff}header form.lang{margin-inline-start:auto;color:#cfe3ff}header select,header button{font:inherit;min-height:1.75rem;padding:.15rem .4rem}main{padding:1.5rem;max-width:70rem}table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:start;padding:.4rem .6rem;border-bottom:1px solid #e3e8ef}.badge{padding:.1rem .5rem;border-radius:999px;color:#fff;background:#9a5c00}
.ok{background:#1a7f45}.down{background:#c62828}.off{background:#5b7089}form.card{background:#fff;padding:1rem;border-radius:8px;display:flex;flex-direction:column;gap:.6rem;max-width:28rem}
label{font-weight:600;display:flex;flex-direction:column;gap:.2rem}input{font:inherit;padding:.4rem}button{font:inherit;padding:.4rem .9rem}
.error{color:#c62828}.muted{color:#5b7089}fieldset{border:0;padding:0;display:flex;flex-direction:column;gap:.3rem}
fieldset label{flex-direction:row;align-items:center;gap:.4rem}fieldset p{margin-block:0 .4rem;margin-inline:1.6rem 0}`;

/** The words of a page and the language they are in. */
export interface PageWords {
  lng: AgentLanguage;
  w: AgentWords;
  /** The path the page was asked at (the language menu comes back to it). */
  path?: string;
}

/** The header's language menu: a plain form, so it works without JavaScript and before sign-in. */
const languageMenu = ({ lng, w, path }: PageWords) =>
  `<form method="get" action="/language" class="lang"><input type="hidden" name="back" value="${h(path ?? '/')}">
<label>${h(w.language)} <select name="lang">${agentLanguages
    .map(
      (l) =>
        `<option value="${l}" lang="${l}"${l === lng ? ' selected' : ''}>${h(languageNames[l])}</option>`,
    )
    .join('')}</select></label> <button>OK</button></form>`;

export function page(pw: PageWords, title: string, body: string, nav = true, csrf = ''): string {
  const { lng, w } = pw;
  return `<!doctype html><html lang="${lng}" dir="${lng === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(title)} · ${h(w.agent)}</title><style>${style}</style></head><body>
<header><strong>${h(w.agent)}</strong>${
    nav
      ? `<a href="/">${h(w.devices)}</a><a href="/subnets">${h(w.subnets)}</a><a href="/settings/hub">${h(w.settings)}</a>`
      : ''
  }${languageMenu(pw)}${
    nav
      ? `<form method="post" action="/sign-out"><input type="hidden" name="csrf" value="${h(csrf)}"><button>${h(w.signOut)}</button></form>`
      : ''
  }</header><main>${body}</main></body></html>`;
}

export function signInPage(pw: PageWords, error?: string): string {
  const { w } = pw;
  return page(
    { ...pw, path: '/sign-in' },
    w.signIn,
    `<h1>${h(w.signIn)}</h1><form class="card" method="post" action="/sign-in">
<label>${h(w.username)} <input name="username" autocomplete="username" required autofocus></label>
<label>${h(w.password)} <input name="password" type="password" autocomplete="current-password" required></label>
${error ? `<p class="error" role="alert">${h(error)}</p>` : ''}<button>${h(w.signIn)}</button></form>`,
    false,
  );
}

const tone = (s: string) => (s === 'Healthy' ? 'ok' : s === 'Down' ? 'down' : '');

/** A device of a disabled subnet: its last status is history, not a finding. */
const statusBadge = (w: AgentWords, d: AgentDevice) =>
  d.unmonitored
    ? `<span class="badge off" title="${h(fill(w.lastSeen, { status: statusName(w, d.status) }))}">${h(w.notMonitored)}</span>`
    : `<span class="badge ${tone(d.status)}">${h(statusName(w, d.status))}</span>`;

export function devicesPage(pw: PageWords, devices: AgentDevice[], q: string, csrf: string): string {
  const { w } = pw;
  const shown = q
    ? devices.filter((d) =>
        `${d.name} ${d.serial} ${d.model} ${d.host} ${d.path}`.toLowerCase().includes(q.toLowerCase()),
      )
    : devices;
  const rows = shown
    .map(
      (d) =>
        `<tr><td>${statusBadge(w, d)}</td><td>${h(d.model)}</td><td>${h(d.name)}</td><td>${h(d.serial)}</td><td>${h(d.path)}</td><td>${h(d.host)}</td></tr>`,
    )
    .join('');
  return page(
    { ...pw, path: '/' },
    w.devices,
    `<h1>${h(w.devicesHeading)}</h1><form method="get" action="/"><input type="search" name="q" value="${h(q)}" aria-label="${h(w.searchDevices)}" placeholder="${h(w.searchPlaceholder)}"> <button>${h(w.search)}</button></form>
<p class="muted" role="status">${h(fill(w.devicesCount, { shown: shown.length, total: devices.length }))}</p>
<table aria-label="${h(w.devices)}"><thead><tr><th>${h(w.colStatus)}</th><th>${h(w.colModel)}</th><th>${h(w.colName)}</th><th>${h(w.colSerial)}</th><th>${h(w.colConnections)}</th><th>${h(w.colAddress)}</th></tr></thead><tbody>${rows}</tbody></table>
${devices.length === 0 ? `<p>${h(w.noDevices)}</p>` : ''}`,
    true,
    csrf,
  );
}

export interface SubnetRow {
  cidr: string;
  iface: string;
  port: number;
  enabled: boolean;
  devices: number;
}

const subnetRow = (w: AgentWords, s: SubnetRow, csrf: string) => {
  const action = s.enabled ? 'disable' : 'enable';
  const label = s.enabled ? w.disable : w.enable;
  return `<tr><td>${h(s.cidr)}</td><td>${h(s.iface)}</td><td>${h(s.port)}</td><td>${h(s.devices)}</td>
<td><span class="badge ${s.enabled ? 'ok' : 'off'}">${h(s.enabled ? w.enabled : w.disabled)}</span></td>
<td><form method="post" action="/subnets/${action}"><input type="hidden" name="csrf" value="${h(csrf)}"><input type="hidden" name="cidr" value="${h(s.cidr)}"><button aria-label="${h(label)} ${h(s.cidr)}">${h(label)}</button></form></td></tr>`;
};

export function subnetsPage(pw: PageWords, subnets: SubnetRow[], csrf: string, error?: string): string {
  const { w } = pw;
  const enabled = subnets.filter((s) => s.enabled).length;
  const body =
    subnets.length === 0
      ? `<p role="status">${w.noSubnets}</p>`
      : `<p class="muted">${h(w.subnetsIntro)}</p>
<p role="status">${h(fill(w.enabledOf, { n: enabled, total: subnets.length }))}</p>
<table aria-label="${h(w.subnets)}"><thead><tr><th>${h(w.colSubnet)}</th><th>${h(w.colInterface)}</th><th>${h(w.colPort)}</th><th>${h(w.colDevices)}</th><th>${h(w.colState)}</th><th>${h(w.colAction)}</th></tr></thead><tbody>${subnets.map((s) => subnetRow(w, s, csrf)).join('')}</tbody></table>
<form method="post" action="/rediscover"><input type="hidden" name="csrf" value="${h(csrf)}"><button${enabled === 0 ? ' disabled' : ''}>${h(w.discover)}</button></form>`;
  return page(
    { ...pw, path: '/subnets' },
    w.subnets,
    `<h1>${h(w.subnets)}</h1>${error ? `<p class="error" role="alert">${h(error)}</p>` : ''}${body}`,
    true,
    csrf,
  );
}

/** A certificate from a CA the agent was not given (not a wrong name, nor out of its dates). */
const untrusted = (code: string): boolean =>
  /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT)$/.test(
    code,
  );

export function hubPage(
  pw: PageWords,
  current: {
    settings: { hubUrl: string; login: string } | undefined;
    state: LinkState | undefined;
    pending: number;
  },
  csrf: string,
  message?: string,
  updates?: { version: string; info: AgentUpdateInfo },
): string {
  const { lng, w } = pw;
  const s = current.state;
  const state = !s
    ? w.notConnected
    : s.state === 'connected'
      ? fill(w.connected, { org: s.organization, since: new Date(s.since).toLocaleString(lng) })
      : s.state === 'connecting'
        ? w.connecting
        : s.state === 'disconnected' && s.certificate
          ? fill(untrusted(s.certificate) ? w.certificateRefused : w.certificateInvalid, {
              code: s.certificate,
              s: Math.round(s.retryInMs / 1000),
            })
          : fill(s.state === 'refused' ? w.refused : w.disconnected, {
              reason: s.reason,
              s: Math.round(s.retryInMs / 1000),
            });
  return page(
    { ...pw, path: '/settings/hub' },
    w.hubTitle,
    `<h1>${h(w.settings)}</h1><h2>${h(w.hubTitle)}</h2>
<p role="status" data-state="${h(s?.state ?? 'none')}"${s?.state === 'disconnected' && s.certificate ? ' data-certificate="refused"' : ''}>${h(state)} ${current.pending ? h(fill(w.pending, { n: current.pending })) : ''}</p>
${message ? `<p role="alert">${h(message)}</p>` : ''}
<form class="card" method="post" action="/settings/hub"><input type="hidden" name="csrf" value="${h(csrf)}">
<label>${h(w.hubUrl)} <input name="hubUrl" type="url" required aria-describedby="hub-url-help" value="${h(current.settings?.hubUrl ?? '')}" placeholder="https://av.example.com"></label>
<p id="hub-url-help" class="muted">${h(w.hubUrlHelp)}</p>
<label>${h(w.agentLogin)} <input name="login" required aria-describedby="login-help" autocomplete="username" spellcheck="false" value="${h(current.settings?.login ?? '')}" placeholder="Name@C10001"></label>
<p id="login-help" class="muted">${w.loginHelp}</p>
<label>${h(w.password)} <input name="password" type="password" autocomplete="new-password" aria-describedby="password-help" ${current.settings ? `placeholder="${h(w.unchanged)}"` : 'required'}></label>
<p id="password-help" class="muted">${h(w.passwordHelp)}</p>
<button>${h(w.connect)}</button></form>
${current.settings ? `<form method="post" action="/settings/hub/disconnect"><input type="hidden" name="csrf" value="${h(csrf)}"><button>${h(w.disconnect)}</button></form>` : ''}
${updates ? updatesSection(pw, updates, s, csrf) : ''}`,
    true,
    csrf,
  );
}

const updateSteps = (w: AgentWords): Record<AgentUpdateEvent['step'], string> => ({
  downloading: w.stepDownloading,
  refused: w.stepRefused,
  failed: w.stepFailed,
  installing: w.stepInstalling,
  updated: w.stepUpdated,
  'rolled-back': w.stepRolledBack,
});

/** Settings › External Services › Agent updates: the setting, what the hub offers, the latest step. */
function updatesSection(
  { lng, w }: PageWords,
  u: { version: string; info: AgentUpdateInfo },
  state: LinkState | undefined,
  csrf: string,
): string {
  const offered = state?.state === 'connected' ? state.hubAgentBuild?.version : undefined;
  const newer = offered !== undefined && compareVersions(offered, u.version) > 0;
  const last = u.info.last;
  const radio = (mode: AgentUpdateInfo['mode'], label: string, help: string) =>
    `<label><input type="radio" name="mode" value="${mode}"${u.info.mode === mode ? ' checked' : ''}> ${h(label)}</label><p class="muted">${h(help)}</p>`;
  return `<h2>${h(w.updates)}</h2>
<p data-testid="agent-version">${fill(w.version, { version: h(u.version) })}${offered ? h(fill(newer ? w.offersNewer : w.offers, { version: offered })) : ''}</p>
${u.info.able ? '' : `<p class="muted" data-testid="update-unable">${h(u.info.reason ?? '')}</p>`}
${last ? `<p data-testid="update-last">${h(w.latest)} ${h(updateSteps(w)[last.step])} ${h(last.from)} → ${h(last.to)}, ${h(new Date(last.at).toLocaleString(lng))}${last.reason ? ` — ${h(last.reason)}` : ''}</p>` : ''}
<form class="card" method="post" action="/settings/updates"><input type="hidden" name="csrf" value="${h(csrf)}">
<fieldset><legend>${h(w.installLegend)}</legend>
${radio('automatic', w.automatic, w.automaticHelp)}
${radio('manual', w.manual, w.manualHelp)}
</fieldset><button>${h(w.save)}</button></form>`;
}
