import type { CsUser } from './cs-directory.ts';
import type { PendingAuthorization } from './cs-oauth.ts';

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escape(title)}</title>
<style>body{font-family:sans-serif;max-inline-size:28rem;margin:3rem auto;padding:0 1rem}
label,select,button{display:block;margin-block:.5rem;min-block-size:2rem}button{padding-inline:1rem}
.row{display:flex;gap:.5rem}</style></head><body>${body}</body></html>`;

/**
 * The consent page of the simulated COLLABORATE Space: which CS user signs in (no passwords in the
 * simulator), and Allow or Deny for the application asking.
 */
export function consentPage(request: PendingAuthorization, users: readonly CsUser[]): string {
  const hidden = Object.entries({
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
    response_type: 'code',
    scope: request.scope,
  })
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${escape(v)}">`)
    .join('');
  const options = users
    .map((u) => `<option value="${escape(u.id)}">${escape(u.name)} (${escape(u.email)}, ${u.role})</option>`)
    .join('');
  return page(
    'COLLABORATE Space — sign in',
    `<h1>COLLABORATE Space</h1>
<p><strong>${escape(request.clientId)}</strong> asks to use your COLLABORATE Space account: your organization's users, presence, resources, licenses and calls.</p>
<form method="post" action="/oauth/authorize">${hidden}
<label for="user">Signed in as</label><select id="user" name="user">${options}</select>
<div class="row"><button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button></div></form>`,
  );
}

export function errorPage(message: string): string {
  return page(
    'COLLABORATE Space — error',
    `<h1>COLLABORATE Space</h1><p role="alert">${escape(message)}</p>`,
  );
}
