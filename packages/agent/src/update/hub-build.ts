/** The build the hub offers, fetched with the agent's own credentials (`/agent/v1/build`). */
export async function fetchHubBuild(
  hub: { hubUrl: string; login: string; password: string },
  flavor: 'mjs' | 'linux-x64' = 'mjs',
  fetchImpl: typeof fetch = fetch,
): Promise<Uint8Array> {
  const query = flavor === 'linux-x64' ? '?flavor=linux-x64' : '';
  const url = `${hub.hubUrl.replace(/^ws/, 'http').replace(/\/$/, '')}/agent/v1/build${query}`;
  const authorization = `Basic ${Buffer.from(`${hub.login}:${hub.password}`).toString('base64')}`;
  const res = await fetchImpl(url, { headers: { authorization }, signal: AbortSignal.timeout(300_000) });
  if (!res.ok) throw new Error(`the hub answered ${String(res.status)}`);
  return new Uint8Array(await res.arrayBuffer());
}
