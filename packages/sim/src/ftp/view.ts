import { cp2FtpPaths } from '@crosspoint/protocol';
import { buildProject, type Project } from '../project/pccp2x.ts';
import type { BoxPort, StackPort } from '../state/box-port.ts';
import { dirOf, ftpDirs } from '../state/files.ts';

export interface FtpEntry {
  name: string;
  size: number;
  mtime: Date;
  dir: boolean;
}

const logFile = `${cp2FtpPaths.logsDir}/system.log`;

/** The project a backup of the stack holds now (its whole configuration, credentials included). */
export function projectOf(stack: StackPort): Project {
  return {
    stackName: stack.name,
    username: stack.baseCredentials.username,
    password: stack.baseCredentials.password,
    safetyMute: stack.safetyMute,
    locateTimeoutS: stack.locateTimeoutS,
    macros: Object.fromEntries(stack.macros),
    boxes: stack.boxes.map((b) => ({ name: b.name, serial: b.serial, model: b.model, firmware: b.firmware })),
    levels: stack.endpoints.changedLevels(),
    aliases: Object.fromEntries(stack.aliases),
    voip: stack.boxes.flatMap((b) =>
      b.voip.map((l) => ({
        box: b.name,
        line: l.line,
        enabled: l.enabled,
        user: l.user,
        password: l.password,
        registrar: l.registrar,
      })),
    ),
  };
}

/** The file tree a box shows over FTP: stored uploads plus the generated backup and log [G §5.6]. */
export class BoxFtpView {
  constructor(private readonly box: BoxPort) {}

  isDir(path: string): boolean {
    return ftpDirs.includes(path);
  }

  read(path: string): Buffer | undefined {
    if (path === cp2FtpPaths.currentConfig)
      return this.box.stack.configured ? Buffer.from(buildProject(projectOf(this.box.stack))) : undefined;
    if (path === logFile) return Buffer.from(this.box.logs.map((l) => `${l}\r\n`).join(''), 'utf8');
    return this.box.files.get(path)?.data;
  }

  list(dir: string): FtpEntry[] {
    const now = new Date();
    if (dir === '/')
      return ftpDirs
        .filter((d) => d !== '/')
        .map((d) => ({ name: d.slice(1), size: 0, mtime: now, dir: true }));
    const entries: FtpEntry[] = this.box.files
      .list(dir)
      .map(([p, f]) => ({ name: p.slice(dir.length + 1), size: f.data.length, mtime: f.mtime, dir: false }));
    for (const generated of [cp2FtpPaths.currentConfig, logFile]) {
      const data = dirOf(generated) === dir ? this.read(generated) : undefined;
      if (data)
        entries.push({ name: generated.slice(dir.length + 1), size: data.length, mtime: now, dir: false });
    }
    return entries;
  }

  write(path: string, data: Buffer): string | undefined {
    if (path === cp2FtpPaths.currentConfig) return 'the current configuration is read-only';
    const err = this.box.files.put(path, data);
    if (!err) this.box.log(`stored ${path} (${data.length} bytes)`);
    return err;
  }

  remove(path: string): boolean {
    return this.box.files.remove(path);
  }
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One `ls -l` style line (what FTP clients parse from LIST). */
export function unixListLine(e: FtpEntry): string {
  const d = e.mtime;
  const time = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  const date = `${months[d.getUTCMonth()] ?? 'Jan'} ${String(d.getUTCDate()).padStart(2, ' ')} ${time}`;
  return `${e.dir ? 'drwxr-xr-x' : '-rw-r--r--'} 1 ftp ftp ${String(e.size).padStart(10, ' ')} ${date} ${e.name}`;
}
