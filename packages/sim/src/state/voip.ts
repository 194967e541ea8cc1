import type { VoipRegistrationState } from '@crosspoint/protocol';
import type { ResolvedVoipLine } from '../site/resolve.ts';

export type CallState = 'IDLE' | 'DIALTONE' | 'ACTIVE';

/** One VoIP user agent line of a box (`EP UA <box>0<line>`). */
export class UaLine {
  readonly epn: string;
  readonly line: number;
  enabled: boolean;
  user: string;
  password: string;
  registrar: string;
  registration: VoipRegistrationState = 'DISABLED';
  call: CallState = 'IDLE';
  dnd = false;
  autoAnswer = false;
  digits = '';
  lastDialed = '';

  constructor(boxNumber: number, spec: ResolvedVoipLine) {
    this.epn = `${boxNumber}${String(spec.line).padStart(2, '0')}`;
    this.line = spec.line;
    this.enabled = spec.enabled;
    this.user = spec.user;
    this.password = spec.password;
    this.registrar = spec.registrar;
  }

  get provisioned(): boolean {
    return this.enabled && this.user !== '' && this.registrar !== '';
  }

  /** The registration this line reaches now, given whether registration is being made to fail. */
  registrationFor(failing: boolean): VoipRegistrationState {
    if (!this.provisioned) return 'DISABLED';
    return failing ? 'NOT_REGISTERED' : 'REGISTERED';
  }
}
