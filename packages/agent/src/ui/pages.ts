import type { AgentDevice } from '../inventory/live-inventory.ts';
import { compareVersions, type AgentUpdateEvent, type AgentUpdateInfo } from '@crosspoint/protocol';
import type { LinkState } from '../link/hub-link.ts';

/** Escapes text for HTML. */
export const h = (s: unknown): string =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const style = `body{font-family:system-ui,sans-serif;margin:0;background:#f5f7fa;color:#1b2430}
header{background:#14202e;color:#fff;padding:.75rem 1.5rem;display:flex;gap:1.5rem;align-items:center}
header a{color:#cfe3ff}main{padding:1.5rem;max-width:70rem}table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #e3e8ef}.badge{padding:.1rem .5rem;border-radius:999px;color:#fff;background:#9a5c00}
.ok{background:#1a7f45}.down{background:#c62828}.off{background:#5b7089}form.card{background:#fff;padding:1rem;border-radius:8px;display:flex;flex-direction:column;gap:.6rem;max-width:28rem}
label{font-weight:600;display:flex;flex-direction:column;gap:.2rem}input{font:inherit;padding:.4rem}button{font:inherit;padding:.4rem .9rem}
.error{color:#c62828}.muted{color:#5b7089}fieldset{border:0;padding:0;display:flex;flex-direction:column;gap:.3rem}
fieldset label{flex-direction:row;align-items:center;gap:.4rem}fieldset p{margin:0 0 .4rem 1.6rem}`;

export function page(title: string, body: string, nav = true, csrf = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(title)} · Crosspoint agent</title><style>${style}</style></head><body>
<header><strong>Crosspoint agent</strong>${
    nav
      ? `<a href="/">Devices</a><a href="/subnets">Subnets</a><a href="/settings/hub">Settings › External Services</a>
<form method="post" action="/sign-out" style="margin-left:auto"><input type="hidden" name="csrf" value="${h(csrf)}"><button>Sign out</button></form>`
      : ''
  }</header><main>${body}</main></body></html>`;
}

export function signInPage(error?: string): string {
  return page(
    'Sign in',
    `<h1>Sign in</h1><form class="card" method="post" action="/sign-in">
<label>Username <input name="username" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
${error ? `<p class="error" role="alert">${h(error)}</p>` : ''}<button>Sign in</button></form>`,
    false,
  );
}

const tone = (s: string) => (s === 'Healthy' ? 'ok' : s === 'Down' ? 'down' : '');

/** A device of a disabled subnet: its last status is history, not a finding. */
const statusBadge = (d: AgentDevice) =>
  d.unmonitored
    ? `<span class="badge off" title="Last seen ${h(d.status)}">Not monitored (subnet disabled)</span>`
    : `<span class="badge ${tone(d.status)}">${h(d.status)}</span>`;

export function devicesPage(devices: AgentDevice[], q: string, csrf: string): string {
  const shown = q
    ? devices.filter((d) =>
        `${d.name} ${d.serial} ${d.model} ${d.host} ${d.path}`.toLowerCase().includes(q.toLowerCase()),
      )
    : devices;
  const rows = shown
    .map(
      (d) =>
        `<tr><td>${statusBadge(d)}</td><td>${h(d.model)}</td><td>${h(d.name)}</td><td>${h(d.serial)}</td><td>${h(d.path)}</td><td>${h(d.host)}</td></tr>`,
    )
    .join('');
  return page(
    'Devices',
    `<h1>Discovered devices</h1><form method="get" action="/"><input type="search" name="q" value="${h(q)}" aria-label="Search devices" placeholder="Name, serial, model, address"> <button>Search</button></form>
<p class="muted" role="status">${shown.length} of ${devices.length} devices</p>
<table aria-label="Devices"><thead><tr><th>Status</th><th>Model</th><th>Name</th><th>Serial #</th><th>Connections</th><th>Address</th></tr></thead><tbody>${rows}</tbody></table>
${devices.length === 0 ? '<p>No devices found yet. Check the subnets.</p>' : ''}`,
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

const subnetRow = (s: SubnetRow, csrf: string) => {
  const action = s.enabled ? 'Disable' : 'Enable';
  return `<tr><td>${h(s.cidr)}</td><td>${h(s.iface)}</td><td>${h(s.port)}</td><td>${h(s.devices)}</td>
<td><span class="badge ${s.enabled ? 'ok' : 'off'}">${s.enabled ? 'Enabled' : 'Disabled'}</span></td>
<td><form method="post" action="/subnets/${action.toLowerCase()}"><input type="hidden" name="csrf" value="${h(csrf)}"><input type="hidden" name="cidr" value="${h(s.cidr)}"><button aria-label="${action} ${h(s.cidr)}">${action}</button></form></td></tr>`;
};

export function subnetsPage(subnets: SubnetRow[], csrf: string, error?: string): string {
  const enabled = subnets.filter((s) => s.enabled).length;
  const body =
    subnets.length === 0
      ? `<p role="status">No subnets are configured. Start the agent with <code>--subnets CIDR[:port][@interface]</code>, e.g. <code>--subnets 192.168.10.0/24@eth0</code>.</p>`
      : `<p class="muted">The agent sweeps the enabled subnets (configured with --subnets) and keeps a session to each of their devices. A disabled subnet is neither swept nor polled; its devices stay listed as not monitored, and the hub shows them Not Monitored, not Down.</p>
<p role="status">${enabled} of ${subnets.length} enabled</p>
<table aria-label="Subnets"><thead><tr><th>Subnet</th><th>Interface</th><th>Device port</th><th>Devices</th><th>State</th><th>Action</th></tr></thead><tbody>${subnets.map((s) => subnetRow(s, csrf)).join('')}</tbody></table>
<form method="post" action="/rediscover"><input type="hidden" name="csrf" value="${h(csrf)}"><button${enabled === 0 ? ' disabled' : ''}>Discover now</button></form>`;
  return page(
    'Subnets',
    `<h1>Subnets</h1>${error ? `<p class="error" role="alert">${h(error)}</p>` : ''}${body}`,
    true,
    csrf,
  );
}

export function hubPage(
  current: {
    settings: { hubUrl: string; login: string } | undefined;
    state: LinkState | undefined;
    pending: number;
  },
  csrf: string,
  message?: string,
  updates?: { version: string; info: AgentUpdateInfo },
): string {
  const s = current.state;
  const state = !s
    ? 'Not connected to a hub.'
    : s.state === 'connected'
      ? `Connected to ${s.organization} since ${new Date(s.since).toLocaleString()}.`
      : s.state === 'connecting'
        ? 'Connecting…'
        : `${s.state === 'refused' ? 'Refused' : 'Disconnected'}: ${s.reason}. Retrying in ${Math.round(s.retryInMs / 1000)} s.`;
  return page(
    'Connect to a central hub',
    `<h1>Settings › External Services</h1><h2>Connect to a central hub</h2>
<p role="status" data-state="${h(s?.state ?? 'none')}">${h(state)} ${current.pending ? `${current.pending} changes waiting to be sent.` : ''}</p>
${message ? `<p role="alert">${h(message)}</p>` : ''}
<form class="card" method="post" action="/settings/hub"><input type="hidden" name="csrf" value="${h(csrf)}">
<label>Hub URL <input name="hubUrl" type="url" required aria-describedby="hub-url-help" value="${h(current.settings?.hubUrl ?? '')}" placeholder="https://av.example.com"></label>
<p id="hub-url-help" class="muted">The address you open the hub at in a browser.</p>
<label>Agent login <input name="login" required aria-describedby="login-help" autocomplete="username" spellcheck="false" value="${h(current.settings?.login ?? '')}" placeholder="Name@C10001"></label>
<p id="login-help" class="muted">The agent login is the server account’s name, <code>@</code>, and your organization’s code: <code>Name@C10001</code> on a cloud hub, <code>Name@&lt;organization id&gt;</code> on an enterprise hub. Find it in the hub under <strong>Servers</strong>, column Agent login (with a Copy button); it is also shown when the server account is added. No account yet? Add one there first (Servers › Add agent server account).</p>
<label>Password <input name="password" type="password" autocomplete="new-password" aria-describedby="password-help" ${current.settings ? 'placeholder="(unchanged)"' : 'required'}></label>
<p id="password-help" class="muted">The password set for that server account in the hub (not your personal one).</p>
<button>Connect</button></form>
${current.settings ? `<form method="post" action="/settings/hub/disconnect"><input type="hidden" name="csrf" value="${h(csrf)}"><button>Disconnect</button></form>` : ''}
${updates ? updatesSection(updates, s, csrf) : ''}`,
    true,
    csrf,
  );
}

const updateSteps: Record<AgentUpdateEvent['step'], string> = {
  downloading: 'Downloading',
  refused: 'Refused',
  failed: 'Failed',
  installing: 'Installed, restarting',
  updated: 'Updated',
  'rolled-back': 'Rolled back',
};

/** Settings › External Services › Agent updates: the setting, what the hub offers, the latest step. */
function updatesSection(
  u: { version: string; info: AgentUpdateInfo },
  state: LinkState | undefined,
  csrf: string,
): string {
  const offered = state?.state === 'connected' ? state.hubAgentBuild?.version : undefined;
  const newer = offered !== undefined && compareVersions(offered, u.version) > 0;
  const last = u.info.last;
  const radio = (mode: AgentUpdateInfo['mode'], label: string, help: string) =>
    `<label><input type="radio" name="mode" value="${mode}"${u.info.mode === mode ? ' checked' : ''}> ${label}</label><p class="muted">${help}</p>`;
  return `<h2>Agent updates</h2>
<p data-testid="agent-version">This agent is version <strong>${h(u.version)}</strong>.${offered ? ` The hub offers ${h(offered)}${newer ? ' (update available)' : ''}.` : ''}</p>
${u.info.able ? '' : `<p class="muted" data-testid="update-unable">${h(u.info.reason ?? '')}</p>`}
${last ? `<p data-testid="update-last">Latest update: ${h(updateSteps[last.step])} ${h(last.from)} → ${h(last.to)}, ${h(new Date(last.at).toLocaleString())}${last.reason ? ` — ${h(last.reason)}` : ''}</p>` : ''}
<form class="card" method="post" action="/settings/updates"><input type="hidden" name="csrf" value="${h(csrf)}">
<fieldset><legend>Install new agent builds from the hub</legend>
${radio('automatic', 'Automatically (recommended)', 'The agent downloads each new build the hub offers, checks its release signature, installs it and restarts; it goes back to this build by itself if the new one cannot reach the hub.')}
${radio('manual', 'Manually', 'The hub’s Servers screen shows “Update available” with an Update button.')}
</fieldset><button>Save</button></form>`;
}
