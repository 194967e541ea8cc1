import {
  CompatibleDeviceDetail,
  CompatibleDeviceParams,
  CompatibleSearchAnswer,
  CompatibleSearchQuery,
} from '../compatible.ts';
import { route } from '../route.ts';

const tags = ['compatible'];

/**
 * The vendor-compatible read API (docs/compatible-api.md): authenticated by an `X-Api-Key` header
 * carrying one of our API tokens, whose organization (and, for a support organization, its
 * clients) it sees.
 */
export const compatibleRoutes = {
  compatibleSearchDevices: route({
    method: 'GET',
    path: '/dashboard-back/api/devices/pro-audio/search',
    tags,
    access: 'signed-in',
    summary: 'Pro Audio devices whose IP address is q, or whose name, serial, model or path contains it',
    query: CompatibleSearchQuery,
    answer: CompatibleSearchAnswer,
  }),
  compatibleGetDevice: route({
    method: 'GET',
    path: '/dashboard-back/api/devices/pro-audio/:deviceId',
    tags,
    access: 'signed-in',
    summary: 'One Pro Audio device, with its part number',
    params: CompatibleDeviceParams,
    answer: CompatibleDeviceDetail,
  }),
};
