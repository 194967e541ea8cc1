import { Type } from 'typebox';
import { IdParams, Ok, Uuid } from '../common.ts';
import { Job, JobList, JobParams, RunCommandRequest } from '../commands.ts';
import {
  AssignLocationRequest,
  DeviceDetail,
  DeviceListQuery,
  DevicePage,
  DeviceAvailability,
  DeviceAvailabilityQuery,
  DeviceParams,
  DeviceSummary,
} from '../devices.ts';
import { FileInfo, FileParams, UploadFileQuery } from '../files.ts';
import { route } from '../route.ts';

const tags = ['devices'];
const commands = ['commands'];
const live = ['live'];

/** Devices, the dashboard's counts, device commands (jobs) and their files, and live events. */
export const deviceRoutes = {
  listDevices: route({
    method: 'GET',
    path: '/api/v1/orgs/:orgId/devices',
    tags,
    access: 'devices.read',
    summary: 'Devices: search, sort, filter and cursor paging',
    params: IdParams,
    query: DeviceListQuery,
    answer: DevicePage,
  }),
  getDeviceSummary: route({
    method: 'GET',
    path: '/api/v1/orgs/:orgId/devices/summary',
    tags,
    access: 'devices.read',
    summary: 'Dashboard counts: Down / Issues / Healthy, by status, model and location',
    params: IdParams,
    answer: DeviceSummary,
  }),
  getDevice: route({
    method: 'GET',
    path: '/api/v1/orgs/:orgId/devices/:deviceId',
    tags,
    access: 'devices.read',
    summary: 'One device with its status history',
    params: DeviceParams,
    answer: DeviceDetail,
  }),
  getDeviceAvailability: route({
    method: 'GET',
    path: '/api/v1/orgs/:orgId/devices/:deviceId/availability',
    tags,
    access: 'devices.read',
    summary: "A device's availability per UTC day (from the daily sums, today from its history)",
    params: DeviceParams,
    query: DeviceAvailabilityQuery,
    answer: DeviceAvailability,
  }),
  assignDeviceLocation: route({
    method: 'PUT',
    path: '/api/v1/orgs/:orgId/devices/location',
    tags,
    access: 'locations.manage',
    summary: 'Assign devices to a location (or none)',
    params: IdParams,
    body: AssignLocationRequest,
    answer: Type.Object({ updated: Type.Integer() }),
  }),

  runCommand: route({
    method: 'POST',
    path: '/api/v1/orgs/:orgId/jobs',
    tags: commands,
    access: 'devices.command',
    summary: 'Run a device command on one or many devices (one job each)',
    params: IdParams,
    body: RunCommandRequest,
    answer: JobList,
    status: 202,
  }),
  listJobs: route({
    method: 'GET',
    path: '/api/v1/orgs/:orgId/jobs',
    tags: commands,
    access: 'devices.read',
    summary: 'Recent jobs, optionally of one device',
    params: IdParams,
    query: Type.Object({ deviceId: Type.Optional(Uuid) }, { additionalProperties: false }),
    answer: JobList,
  }),
  getJob: route({
    method: 'GET',
    path: '/api/v1/orgs/:orgId/jobs/:jobId',
    tags: commands,
    access: 'devices.read',
    summary: 'One job: status, progress and result',
    params: JobParams,
    answer: Job,
  }),
  uploadFile: route({
    method: 'POST',
    path: '/api/v1/orgs/:orgId/files',
    tags: commands,
    access: 'devices.command',
    summary:
      'Upload a firmware image or project for a device command (body: the file, application/octet-stream)',
    params: IdParams,
    query: UploadFileQuery,
    upload: true,
    answer: FileInfo,
    status: 201,
  }),
  downloadFile: route({
    method: 'GET',
    path: '/api/v1/orgs/:orgId/files/:fileId',
    tags: commands,
    access: 'devices.command',
    summary: 'Download a file (an upload, or a backup or logs a command brought back)',
    params: FileParams,
  }),

  checkLiveEventsAccess: route({
    method: 'GET',
    path: '/api/v1/orgs/:orgId/events/access',
    tags: live,
    access: 'devices.read',
    summary: 'Whether the caller may receive the live events',
    params: IdParams,
    answer: Ok,
  }),
  liveEvents: route({
    method: 'GET',
    path: '/api/v1/orgs/:orgId/events',
    tags: live,
    access: 'devices.read',
    summary:
      'Live events (text/event-stream, one LiveEvent per message): what changed, for screens to refetch',
    params: IdParams,
  }),
};
