import { HealthResponse, ReadinessResponse, SystemInfo } from '../system.ts';
import { route } from '../route.ts';

const tags = ['system'];

/** Health, readiness, metrics and what this hub is. */
export const systemRoutes = {
  getHealth: route({
    method: 'GET',
    path: '/healthz',
    tags,
    access: 'public',
    summary: 'Liveness',
    answer: HealthResponse,
  }),
  getReadiness: route({
    method: 'GET',
    path: '/readyz',
    tags,
    access: 'public',
    summary: 'Readiness: database and bus answer (503 with the same body when not ready)',
    answer: ReadinessResponse,
    alsoAnswers: [503],
  }),
  getMetrics: route({
    method: 'GET',
    path: '/metrics',
    tags,
    access: 'public',
    summary: 'Prometheus metrics (text exposition format)',
  }),
  getSystemInfo: route({
    method: 'GET',
    path: '/api/v1/system/info',
    tags,
    access: 'public',
    summary: 'What this hub is',
    answer: SystemInfo,
  }),
};
