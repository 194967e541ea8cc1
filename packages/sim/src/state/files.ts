import { cp2FtpPaths } from '@crosspoint/protocol';

export interface StoredFile {
  data: Buffer;
  mtime: Date;
}

/** Largest file a box accepts over FTP, and the most it stores in all. */
export const maxStoredFileBytes = 64 * 1024 * 1024;
export const maxStoredBytes = 128 * 1024 * 1024;
const writableDirs: readonly string[] = [cp2FtpPaths.firmwareDir, cp2FtpPaths.configDir];
export const ftpDirs: readonly string[] = [
  '/',
  cp2FtpPaths.firmwareDir,
  cp2FtpPaths.configDir,
  cp2FtpPaths.logsDir,
];

/** Normalises an FTP path against a working directory; undefined when it escapes or is malformed. */
export function resolvePath(cwd: string, path: string): string | undefined {
  if (path.includes('\0') || path.length > 1024) return undefined;
  const parts: string[] = [];
  for (const p of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

export const dirOf = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';

/**
 * A box's stored files: firmware images and configuration projects uploaded by FTP. Generated
 * files (the current project, logs) are supplied by the box. Nothing is allocated until a STOR.
 */
export class BoxFiles {
  private files: Map<string, StoredFile> | undefined;
  private bytes = 0;

  get(path: string): StoredFile | undefined {
    return this.files?.get(path);
  }

  list(dir: string): [string, StoredFile][] {
    return [...(this.files ?? [])].filter(([p]) => dirOf(p) === dir);
  }

  /** Stores a file; returns an error text when the path or size is not allowed. */
  put(path: string, data: Buffer): string | undefined {
    if (!writableDirs.includes(dirOf(path))) return 'files can only be stored in /firmware or /config';
    if (data.length > maxStoredFileBytes) return 'file too large';
    const old = this.files?.get(path)?.data.length ?? 0;
    if (this.bytes - old + data.length > maxStoredBytes) return 'storage full';
    (this.files ??= new Map()).set(path, { data, mtime: new Date() });
    this.bytes += data.length - old;
    return undefined;
  }

  remove(path: string): boolean {
    const f = this.files?.get(path);
    if (!f) return false;
    this.files?.delete(path);
    this.bytes -= f.data.length;
    return true;
  }

  clear(): void {
    this.files = undefined;
    this.bytes = 0;
  }
}
