import type { DeviceId } from '@crosspoint/protocol';
import { DeviceErrorCode, type DeviceError } from '../../commands/device-error.ts';
import type { InventoryDevice } from '../../inventory/inventory.ts';
import { ChangeEmitter } from '../../sessions/change-emitter.ts';
import { FactTracker } from '../../sessions/fact-tracker.ts';
import type { SessionContext } from '../../sessions/session.ts';
import type { StackMember, StackVerdict } from '../../sessions/stack-board.ts';
import type { Cp2Client, PlinkItem, StackBox, StackInfo } from './cp2-client.ts';
import { peripheralDevice } from './cp2-inventory.ts';

interface Peripheral {
  device: InventoryDevice;
  item: PlinkItem;
  emitter: ChangeEmitter;
}

/**
 * What one box session knows of its stack and P-Link chain: the stack listing, its stack-mates'
 * serials, the peripherals it hosts (each with its own facts and change emitter), and the verdict
 * of the shared StackBoard (Incomplete / Mismatched Stack).
 */
export class Cp2Topology implements StackMember {
  stackName: string | undefined;
  private readonly stackBoxes = new Map<string, StackBox>();
  /** Serials of the stack's boxes by name: what tells one chain from another with the same box names. */
  private readonly mateSerials = new Map<string, string>();
  private readonly peripherals = new Map<string, Peripheral>();
  private verdict: StackVerdict | undefined;

  constructor(
    private readonly ctx: SessionContext,
    /** The board changed this member's verdict: the session flushes. */
    private readonly onVerdict: () => void,
  ) {}

  onStackVerdict(verdict: StackVerdict): void {
    this.verdict = verdict;
    this.onVerdict();
  }

  setStackBox(b: StackBox): void {
    this.stackBoxes.set(b.clink, b);
  }

  itemOf(deviceId: string): PlinkItem | undefined {
    for (const p of this.peripherals.values()) if (p.device.id === deviceId) return p.item;
    return undefined;
  }

  peripheralIds(): DeviceId[] {
    return [...this.peripherals.values()].map((p) => p.device.id);
  }

  /** Asks the serial of every online stack-mate not known yet (one query each, at login). */
  async learnMates(client: Cp2Client, info: StackInfo, self: InventoryDevice): Promise<void> {
    this.mateSerials.set(self.name, self.serial);
    for (const mate of info.boxes) {
      if (mate.box === self.name || !mate.online || this.mateSerials.has(mate.box)) continue;
      try {
        this.mateSerials.set(mate.box, await client.serial(mate.box));
      } catch (e) {
        if ((e as DeviceError).code !== DeviceErrorCode.Rejected) throw e;
      }
    }
  }

  onPlinkItem(host: InventoryDevice, item: PlinkItem): void {
    let p = this.peripherals.get(item.plink);
    if (!p || p.item.serial !== item.serial) {
      const device = peripheralDevice(host, item, this.ctx.now());
      p = {
        device,
        item,
        emitter: new ChangeEmitter(device.id, new FactTracker('pro-audio', this.ctx.now), this.ctx.emit),
      };
      this.peripherals.set(item.plink, p);
      this.ctx.updateInventory([device]);
    } else if (p.item.firmware !== item.firmware) {
      p.device = { ...p.device, firmware: item.firmware, lastSeen: this.ctx.now() };
      this.ctx.updateInventory([p.device]);
    }
    p.item = item;
  }

  /** Peripherals missing from a complete listing are offline, never forgotten. */
  reconcile(host: InventoryDevice, items: PlinkItem[]): void {
    const listed = new Set(items.map((i) => i.plink));
    for (const [plink, p] of this.peripherals)
      if (!listed.has(plink)) this.onPlinkItem(host, { ...p.item, online: false });
  }

  /**
   * Recomputes the stack facts of the host and the facts of its peripherals. The host reports its
   * view to the StackBoard while it is up; a peripheral is seen through its host: unreachable with
   * it, refused with its login, restarting with it.
   */
  update(host: InventoryDevice, facts: FactTracker, hostUp: boolean): void {
    if (hostUp && this.stackName !== undefined) {
      let offline = 0;
      for (const b of this.stackBoxes.values()) if (!b.online) offline++;
      for (const p of this.peripherals.values()) if (!p.item.online) offline++;
      this.verdict = this.ctx.stacks.report(this, {
        subnet: host.topology.subnet,
        claimed: this.stackName,
        box: host.serial,
        members: [...this.stackBoxes.values()].map((b) => this.mateSerials.get(b.box) ?? `name:${b.box}`),
        primary: this.mateSerials.get(this.stackBoxes.get('00')?.box ?? ''),
        offline,
      });
    }
    const verdict = this.verdict;
    if (verdict) {
      facts.set('stackComplete', verdict.complete);
      facts.set('stackMismatched', verdict.mismatched);
    }
    const hostReachable = facts.get('reachable') === true;
    const hostLogin = facts.get('loginOk');
    const restarting = facts.get('phase') === 'restarting';
    for (const p of this.peripherals.values()) {
      const f = p.emitter.facts;
      f.set('reachable', hostReachable && (p.item.online || hostLogin === false));
      if (hostLogin !== undefined) f.set('loginOk', hostLogin);
      f.set('phase', restarting ? 'restarting' : 'running');
      if (verdict) {
        f.set('stackComplete', verdict.complete);
        f.set('stackMismatched', p.item.stack !== verdict.stackName);
      }
    }
  }

  flush(at: number): void {
    for (const p of this.peripherals.values()) p.emitter.flush(at);
  }

  /** The host no longer speaks for the stack (down, closed). */
  leave(): void {
    this.ctx.stacks.leave(this);
  }
}
