import { checkFault, type AnyFaultParams, type FaultName } from '../faults/catalog.ts';
import { Stack } from '../state/stack.ts';
import type { World } from '../state/world.ts';

export interface ActiveFault {
  target: string;
  fault: FaultName;
  params: AnyFaultParams;
}

/** Fault injection over a world: what the control API and the programmatic `control` object call. */
export interface SimControl {
  /** Sets (`true` or a params object) or clears (`false`) a fault on a device id or a stack name. */
  setFault(target: string, fault: string, on: boolean | Record<string, unknown>): Promise<void>;
  clearFault(target: string, fault: string): Promise<void>;
  /** Clears every fault of one target (a stack: also its members), or of the whole site. */
  clearFaults(target?: string): Promise<void>;
  listFaults(): ActiveFault[];
}

export function faultController(world: World): SimControl {
  const clearTarget = async (name: string): Promise<void> => {
    const t = world.requireTarget(name);
    const members = t instanceof Stack ? [...t.boxes, ...t.peripherals] : [];
    for (const target of [t, ...members]) {
      for (const fault of [...target.faults.keys()]) await target.setFault(fault, undefined);
    }
  };
  const control: SimControl = {
    async setFault(target, fault, on) {
      const t = world.requireTarget(target);
      if (on === false) {
        const { name } = checkFault(fault);
        await t.setFault(name, undefined);
        return;
      }
      const checked = checkFault(fault, on === true ? {} : on);
      await t.setFault(checked.name, checked.params);
    },
    clearFault: (target, fault) => control.setFault(target, fault, false),
    async clearFaults(target) {
      if (target !== undefined) return clearTarget(target);
      for (const { target: t } of world.targets()) {
        for (const fault of [...t.faults.keys()]) await t.setFault(fault, undefined);
      }
    },
    listFaults() {
      return world
        .targets()
        .flatMap(({ name, target }) =>
          [...target.faults].map(([fault, params]) => ({ target: name, fault, params })),
        );
    },
  };
  return control;
}
