import type { SimContext } from '../context.ts';
import { TcpListener } from '../net/listener.ts';
import type { BoxPort } from '../state/box-port.ts';
import { FtpSession } from './session.ts';

/** The FTP endpoint of one box: listening only while FTP is enabled and the box is up. */
export class FtpServer {
  private readonly listener: TcpListener;
  private readonly sessions = new Set<FtpSession>();

  constructor(box: BoxPort, ctx: SimContext) {
    this.listener = new TcpListener(box.ip, ctx.ftpPort, (socket) => {
      const s = new FtpSession(box, socket, ctx.timing.ftpDataTimeoutMs);
      this.sessions.add(s);
      socket.once('close', () => {
        this.sessions.delete(s);
        s.close();
      });
    });
  }

  open(): Promise<void> {
    return this.listener.open();
  }

  async close(): Promise<void> {
    for (const s of this.sessions) s.close();
    this.sessions.clear();
    await this.listener.close('reset');
  }
}
