import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A metrics registry per hub instance (never prom-client's global one: two hubs may share a process). */
export interface HubMetrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  agentsConnected: Gauge;
  ingestedChanges: Counter;
  /** Times the bus came back after a gap. */
  busReconnects: Counter;
  /** Organizations whose kept dashboard counts differed from the database (corrected). */
  countCorrections: Counter;
  /** The event bus's state, read at each scrape: connected or not, hints dropped while away. */
  setBusState(source: () => { connected: boolean; dropped: number }): void;
  /** Devices by status across all organizations (no tenant names), read at each scrape. */
  setDeviceCounts(source: () => Promise<{ status: string; n: number }[]>): void;
  /** With HTTPS: the end of validity of the certificate served now (ISO time), read at each scrape. */
  setTlsCertificate(source: () => { validTo: string }): void;
  /** Changed certificate files read again, by outcome (applied, refused). */
  tlsReloads: Counter<'outcome'>;
  render(): Promise<string>;
  contentType: string;
}

export function createMetrics(): HubMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'crosspoint_hub_' });
  const httpRequests = new Counter({
    name: 'crosspoint_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'crosspoint_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const agentsConnected = new Gauge({
    name: 'crosspoint_agents_connected',
    help: 'Agents holding a link to this hub.',
    registers: [registry],
  });
  const ingestedChanges = new Counter({
    name: 'crosspoint_ingested_device_changes_total',
    help: 'Device records and status changes stored from agents.',
    registers: [registry],
  });
  const busReconnects = new Counter({
    name: 'crosspoint_bus_reconnects_total',
    help: 'Times the event bus came back after a gap (this hub then checks its counts and refreshes open screens).',
    registers: [registry],
  });
  const countCorrections = new Counter({
    name: 'crosspoint_count_corrections_total',
    help: 'Organizations whose dashboard counts kept by this hub differed from the database, and were corrected.',
    registers: [registry],
  });
  let busSource: (() => { connected: boolean; dropped: number }) | undefined;
  new Gauge({
    name: 'crosspoint_bus_connected',
    help: '1 while the event bus reaches its servers (always 1 for the in-process bus).',
    registers: [registry],
    collect() {
      if (busSource) this.set(busSource().connected ? 1 : 0);
    },
  });
  new Gauge({
    name: 'crosspoint_bus_dropped_events',
    help: 'Events published while the bus was away and dropped because its buffer was full (since start).',
    registers: [registry],
    collect() {
      if (busSource) this.set(busSource().dropped);
    },
  });
  let deviceSource: (() => Promise<{ status: string; n: number }[]>) | undefined;
  new Gauge({
    name: 'crosspoint_devices',
    help: 'Devices by status, all organizations.',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      if (!deviceSource) return;
      this.reset();
      for (const row of await deviceSource()) this.set({ status: row.status }, row.n);
    },
  });
  let tlsSource: (() => { validTo: string }) | undefined;
  new Gauge({
    name: 'crosspoint_tls_certificate_expiry_timestamp_seconds',
    help: 'When the certificate this hub serves HTTPS with stops being valid (Unix time); absent without HTTPS.',
    registers: [registry],
    collect() {
      if (tlsSource) this.set(Date.parse(tlsSource().validTo) / 1000);
    },
  });
  const tlsReloads = new Counter({
    name: 'crosspoint_tls_reloads_total',
    help: 'Changed certificate files read again: applied (new connections get them) or refused (the served certificate stays).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  return {
    registry,
    tlsReloads,
    httpRequests,
    httpDuration,
    agentsConnected,
    ingestedChanges,
    busReconnects,
    countCorrections,
    setBusState: (source) => {
      busSource = source;
    },
    setDeviceCounts: (source) => {
      deviceSource = source;
    },
    setTlsCertificate: (source) => {
      tlsSource = source;
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
