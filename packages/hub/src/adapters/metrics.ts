import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** A metrics registry per hub instance (never prom-client's global one: two hubs may share a process). */
export interface HubMetrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
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
  return {
    registry,
    httpRequests,
    httpDuration,
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
