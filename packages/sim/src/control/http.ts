import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ErrorBody } from '@crosspoint/protocol';
import { SimError, SimErrorCode } from '../errors.ts';
import type { World } from '../state/world.ts';
import type { SimControl } from './faults.ts';
import { deviceView } from './views.ts';

const maxBodyBytes = 64 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const statusOf: Partial<Record<string, number>> = {
  [SimErrorCode.UnknownTarget]: 404,
  [SimErrorCode.UnknownFault]: 400,
  [SimErrorCode.BadFaultParams]: 400,
  [SimErrorCode.FaultNotApplicable]: 409,
};

/** A request's body as text, refused (HttpError 413) past `maxBytes`. */
export function readText(req: IncomingMessage, maxBytes = maxBodyBytes): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        reject(new HttpError(413, 'PAYLOAD_TOO_LARGE', `body over ${maxBytes} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const text = (await readText(req)).trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'body is not valid JSON');
  }
}

export type Route = (match: string[], body: unknown) => unknown;
export type ControlRoute = [string, RegExp, Route];

/**
 * The control API (JSON over HTTP, loopback only):
 *   GET    /healthz
 *   GET    /devices                     every device with address, credentials, reachability, faults
 *   GET    /devices/:id
 *   GET    /stacks
 *   GET    /faults                      active faults
 *   PUT    /faults/:target/:fault       body: parameters (optional) — set (POST too)
 *   DELETE /faults/:target/:fault       clear one
 *   DELETE /faults/:target              clear a device's / a stack's (and its members') faults
 *   DELETE /faults                      clear everything
 * Errors: `{ error: { code, message, details? } }` with a stable code; never a 500 for bad input.
 */
export function controlRoutes(world: World, control: SimControl): [string, RegExp, Route][] {
  const faultsOf = (id: string) => control.listFaults().filter((f) => f.target === id);
  const setFault: Route = async ([target = '', fault = ''], body) => {
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body)))
      throw new HttpError(400, 'BAD_REQUEST', 'the body must be a JSON object of fault parameters');
    await control.setFault(target, fault, (body as Record<string, unknown> | undefined) ?? true);
    return { target, fault, active: true };
  };
  return [
    ['GET', /^\/healthz$/, () => ({ status: 'ok' })],
    [
      'GET',
      /^\/devices$/,
      () => {
        // The active faults once, grouped by target: listing them per device is quadratic at 5,000.
        const byTarget = new Map<string, ReturnType<SimControl['listFaults']>>();
        for (const f of control.listFaults()) byTarget.set(f.target, [...(byTarget.get(f.target) ?? []), f]);
        return { devices: world.infos.map((i) => deviceView(i, byTarget.get(i.id) ?? [])) };
      },
    ],
    [
      'GET',
      /^\/devices\/([^/]+)$/,
      ([id = '']) => {
        const info = world.infos.find((i) => i.id === id);
        if (!info) throw new SimError(SimErrorCode.UnknownTarget, `no device "${id}"`);
        return deviceView(info, faultsOf(id));
      },
    ],
    [
      'GET',
      /^\/stacks$/,
      () => ({
        stacks: world.stacks.map((s) => ({
          name: s.name,
          boxes: s.boxes.map((b) => b.id),
          peripherals: s.peripherals.map((p) => p.id),
          safetyMute: s.safetyMute,
          faults: [...s.faults.keys()],
        })),
      }),
    ],
    ['GET', /^\/faults$/, () => ({ faults: control.listFaults() })],
    ['PUT', /^\/faults\/([^/]+)\/([^/]+)$/, setFault],
    ['POST', /^\/faults\/([^/]+)\/([^/]+)$/, setFault],
    [
      'DELETE',
      /^\/faults\/([^/]+)\/([^/]+)$/,
      async ([target = '', fault = '']) => {
        await control.clearFault(target, fault);
        return { target, fault, active: false };
      },
    ],
    [
      'DELETE',
      /^\/faults\/([^/]+)$/,
      async ([target = '']) => {
        await control.clearFaults(target);
        return { target, cleared: true };
      },
    ],
    [
      'DELETE',
      /^\/faults$/,
      async () => {
        await control.clearFaults();
        return { cleared: true };
      },
    ],
  ];
}

function errorBody(e: unknown): { status: number; body: ErrorBody } {
  if (e instanceof HttpError)
    return { status: e.status, body: { error: { code: e.code, message: e.message } } };
  if (e instanceof SimError)
    return {
      status: statusOf[e.code] ?? 400,
      body: { error: { code: e.code, message: e.message.split('\n')[0] ?? e.code, details: e.details } },
    };
  return { status: 500, body: { error: { code: 'INTERNAL', message: (e as Error).message } } };
}

async function dispatch(
  routes: [string, RegExp, Route][],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const send = (status: number, body: unknown) => {
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  };
  try {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const candidates = routes.filter(([, re]) => re.test(path));
    if (!candidates.length) throw new HttpError(404, 'NOT_FOUND', `no route ${path}`);
    const route = candidates.find(([method]) => method === req.method);
    if (!route) throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method ?? '?'} not allowed on ${path}`);
    const body = await readBody(req);
    const match = route[1].exec(path)?.slice(1) ?? [];
    send(200, await route[2](match, body));
  } catch (e) {
    const { status, body } = errorBody(
      e instanceof URIError ? new HttpError(400, 'BAD_REQUEST', 'bad URL encoding') : e,
    );
    send(status, body);
  }
}

/** Starts the control API on a loopback address; resolves with its URL. */
export async function startControlServer(
  world: World,
  control: SimControl,
  host: string,
  port: number,
  extraRoutes: readonly ControlRoute[] = [],
): Promise<{ url: string; close(): Promise<void> }> {
  if (!host.startsWith('127.'))
    throw new SimError(SimErrorCode.BadArguments, `control host must be a 127.x address, not ${host}`);
  const routes = [...controlRoutes(world, control), ...extraRoutes];
  const server: Server = createServer((req, res) => void dispatch(routes, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
