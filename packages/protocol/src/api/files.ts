import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.ts';

/**
 * Files a device command carries or yields, kept by the hub per organization: firmware images and
 * projects uploaded for `firmwareUpdate` / `loadConfig`, and the backups and logs agents send back.
 */
export const fileKinds = ['firmware', 'project', 'backup', 'logs'] as const;
export type FileKind = (typeof fileKinds)[number];
/** What people upload; backups and logs only come from agents. */
export const uploadKinds = ['firmware', 'project'] as const;

/** Largest file the hub keeps (a CONVERGE Pro 2 image is tens of MB). */
export const maxFileBytes = 128 * 1024 * 1024;

export const FileInfo = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    kind: Type.Enum(fileKinds),
    bytes: Type.Integer(),
    sha256: Type.String({ description: 'Hex SHA-256 of the contents.' }),
    createdBy: Type.String(),
    createdAt: IsoDateTime,
  },
  { $id: 'FileInfo' },
);
export type FileInfo = Static<typeof FileInfo>;

/** A file's name: printable, no path separators, as a device or a person would name it. */
export const FileName = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[^/\\\\\\u0000-\\u001f\\u007f-\\u009f\\ud800-\\udfff]+$',
});

export const UploadFileQuery = Type.Object(
  { name: FileName, kind: Type.Enum(uploadKinds) },
  { additionalProperties: false },
);
export type UploadFileQuery = Static<typeof UploadFileQuery>;
export const FileParams = Type.Object({ orgId: Uuid, fileId: Uuid });
